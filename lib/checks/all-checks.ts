import { AnonymousListener } from './anonymous-listener';
import { AuthCacheMissing } from './auth-cache-missing';
import { AuthorizationAllowByDefault } from './authorization-allow-by-default';
import { BuffersExceedMemory } from './buffers-exceed-memory';
import { CoreCountEven } from './core-count-even';
import { ConnectionsBeyondPortLimit } from './connections-beyond-port-limit';
import { DurableSessionsWithoutPvc } from './durable-sessions-without-pvc';
import { DurableReplicationAboveCores } from './durable-replication-above-cores';
import { HttpAuthSlowTimeout } from './http-auth-slow-timeout';
import { KafkaAcksWeak } from './kafka-acks-weak';
import { KafkaUnorderedPartitioning } from './kafka-unordered-partitioning';
import { SharedSubscriptionUnordered } from './shared-subscription-unordered';
import { CoreZoneSpread } from './core-zone-spread';
import { DashboardExposed } from './dashboard-exposed';
import { DebugLogLevel } from './debug-log-level';
import { LegacySecurityProfile } from './legacy-security-profile';
import { RuleRegexPcre2 } from './rule-regex-pcre2';
import { DevCaExposedPublicly } from './dev-ca-exposed-publicly';
import { EmqxCheck } from './emqx-check';
import { EnterpriseWithoutLicense } from './enterprise-without-license';
import { ImageNotPinned } from './image-not-pinned';
import { KeepaliveNotBelowNlbIdleTimeout } from './keepalive-not-below-nlb-idle-timeout';
import { KeepaliveToleranceBeyondNlbIdleTimeout } from './keepalive-tolerance-beyond-nlb-idle-timeout';
import { LargeMaxPacketSize } from './large-max-packet-size';
import { MissingResources } from './missing-resources';
import { NetworkPoliciesDisabled } from './network-policies-disabled';
import { AclTemplateIdentitySlash } from './acl-template-identity-slash';
import { DurableReplicasManual } from './durable-replicas-manual';
import { JwtAheadOfPasswords } from './jwt-ahead-of-passwords';
import { OperatorApiBehindRelease } from './operator-api-behind-release';
import { OperatorBlueGreenUpdates } from './operator-blue-green-updates';
import { PlaintextOnPublicNlb } from './plaintext-on-public-nlb';
import { ProxyProtocolWithoutNlb } from './proxy-protocol-without-nlb';
import { PublicTlsWithoutClientCertificates } from './public-tls-without-client-certificates';
import { ReplicantsWithFewCores } from './replicants-with-few-cores';
import { SecretLiteralInEnv } from './secret-literal-in-env';
import { WorkloadWithoutPdb } from './workload-without-pdb';
import { UnlistedRelease } from './unlisted-release';

/** Every check, errors first; the order of reports and of docs/CHECKS.md. */
export const ALL_CHECKS: readonly EmqxCheck[] = [
  PlaintextOnPublicNlb,
  AnonymousListener,
  KeepaliveNotBelowNlbIdleTimeout,
  DashboardExposed,
  SecretLiteralInEnv,
  WorkloadWithoutPdb,
  ImageNotPinned,
  UnlistedRelease,
  DurableSessionsWithoutPvc,
  EnterpriseWithoutLicense,
  CoreCountEven,
  DurableReplicationAboveCores,
  ReplicantsWithFewCores,
  CoreZoneSpread,
  PublicTlsWithoutClientCertificates,
  DevCaExposedPublicly,
  KeepaliveToleranceBeyondNlbIdleTimeout,
  ProxyProtocolWithoutNlb,
  LargeMaxPacketSize,
  ConnectionsBeyondPortLimit,
  MissingResources,
  DebugLogLevel,
  LegacySecurityProfile,
  RuleRegexPcre2,
  NetworkPoliciesDisabled,
  OperatorBlueGreenUpdates,
  OperatorApiBehindRelease,
  JwtAheadOfPasswords,
  DurableReplicasManual,
  AclTemplateIdentitySlash,
  AuthorizationAllowByDefault,
  KafkaAcksWeak,
  KafkaUnorderedPartitioning,
  BuffersExceedMemory,
  AuthCacheMissing,
  HttpAuthSlowTimeout,
  SharedSubscriptionUnordered,
];
