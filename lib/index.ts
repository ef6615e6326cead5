// The public API of emqx-constructs (cdk8s side). Everything a user needs is exported here by name;
// the rest of lib/ is internal and may change in any release. The Pulumi components are in
// 'emqx-constructs/pulumi' (lib/pulumi/index.ts), so importing this entry never loads @pulumi/*.
// The surface is reviewed through api/emqx-constructs.api.md (`npm run api`; CI fails when it is stale).

// Constructs
export { EmqxCluster, type EmqxClusterProps } from './cdk8s/emqx-cluster';
export { Federation, type FederationProps } from './cdk8s/federation';
export { synthesizeFleet, type FleetSynthesis, type FleetSynthesisOptions } from './cdk8s/synthesize-fleet';
export { writeReports } from './cdk8s/write-reports';
export { manifestYaml } from './cdk8s/manifest-yaml';
export { FINDINGS_TABLE_CONTEXT, REPORT_ENV } from './cdk8s/checks-validation';

// The parts of an EmqxCluster (reached through its members, for escape hatches: `cluster.cores!.resource`)
export type { AlertRules } from './cdk8s/alert-rules';
export type { BackupCronJob } from './cdk8s/backup-cron-job';
export type { ChecksValidation } from './cdk8s/checks-validation';
export type { ClusterNetworkPolicies } from './cdk8s/cluster-network-policies';
export type { CoreNodes } from './cdk8s/core-nodes';
export type { DashboardService } from './cdk8s/dashboard-service';
export type { DevCertificateAuthority } from './cdk8s/dev-certificate-authority';
export type { DiscoveryService } from './cdk8s/discovery-service';
export type { EmqxConfigMap } from './cdk8s/emqx-config-map';
export type { EmqxOperatorResource } from './cdk8s/emqx-operator-resource';
export type { GrafanaDashboardConfigMap } from './cdk8s/grafana-dashboard-config-map';
export type { ListenerCertificate } from './cdk8s/listener-certificate';
export type { ListenerService } from './cdk8s/listener-service';
export type { MetricsScrape } from './cdk8s/metrics-scrape';
export type { MetricsService } from './cdk8s/metrics-service';
export type { NodeServiceAccount } from './cdk8s/node-service-account';
export type { ReplicantNodes } from './cdk8s/replicant-nodes';

// Versions and errors
export { EmqxVersion, SUPPORTED_LINES, type EmqxLine, type DiscoveryStrategyName } from './versions/emqx-version';
export { EmqxEdition } from './versions/emqx-edition';
export type { ReleaseEditions } from './versions/known-releases';
export { EmqxSpecError, EmqxSpecErrors } from './validation/emqx-spec-error';

// The cluster spec and its factories
export {
  ZoneSpread,
  type EmqxClusterSpec,
  type NodeResources,
  type ResourceQuantities,
  type EmqxSecretsSpec,
  type CoreStorageSpec,
  type ResolvedEmqxCluster,
  type ClusterNames,
  type ClusterPorts,
  type ServiceAnnotations,
} from './model/emqx-cluster-spec';
export type {
  WorkloadSettings,
  PodSettings,
  CorePodSettings,
  Toleration,
  Affinity,
  PodAffinityRules,
  PodAffinityTerm,
  LabelSelector,
  NodeSelectorTerm,
  NodeSelectorRequirement,
  ExtraEnvVar,
  LiteralEnvVar,
  SecretEnvVar,
  ConfigMapEnvVar,
  ConfigMapKeyRef,
  FieldEnvVar,
  EnvFromSource,
  SecretEnvFrom,
  ConfigMapEnvFrom,
  ExtraVolume,
  SecretVolume,
  ConfigMapVolume,
  EmptyDirVolume,
  PersistentVolumeClaimVolume,
  CsiVolume,
  KeyToPath,
  ContainerPort,
  ContainerResources,
  LabelSelectorRequirement,
  NodeAffinity,
  PreferredSchedulingTerm,
  WeightedPodAffinityTerm,
  ExtraVolumeMount,
  ExtraContainer,
  ExtraContainerSecurity,
  ProbeTimings,
  ResolvedWorkloadSettings,
  ResolvedPodSettings,
} from './workload/workload-settings';
export type { ExtraConfig, ExtraConfigSource, ResolvedExtraConfig } from './hocon/extra-config';
export type { SecurityProfile, EmqxFeature, ResolvedRuntimeProfile, FeatureNeeds } from './model/runtime-profile';
export type { SecretKeyRef } from './model/secret-key-ref';
export { Size } from './validation/size';
export { Discovery, type KubernetesDiscoveryOptions } from './model/discovery';
export { Exposure, type AwsNlbOptions } from './model/exposure';
export { ListenerType, type ListenerSpec } from './model/listener-spec';
export {
  Tls,
  type CertificateField,
  type MutualTlsOptions,
  type ListenerCertificateOptions,
  type CertManagerTlsOptions,
  type SecretTlsOptions,
  type NlbTlsOptions,
} from './model/tls';
export type { ResolvedListener, ResolvedPodTls, ResolvedNlbTls, ResolvedCertificate } from './model/resolve-listeners';
export type { MqttLimitsSpec, CertificateIdentity } from './model/mqtt-limits-spec';
export { WorkloadBackend, type EmqxOperatorOptions, type EmqxOperatorApiVersion, type EmqxOperatorConfigMode, type EmqxOperatorEvacuationSpec, type ResolvedEmqxOperator } from './workload/workload-backend';
export type { ClusterLabels } from './model/cluster-labels';
export type { NodeRole } from './hocon/emqx-config';
export type { HoconObject, HoconValue } from './hocon/hocon';
export type { ListenerServiceShape, ListenerServicePort } from './model/listener-service-shape';

// Authentication, authorization, integrations, durable sessions
export {
  Authenticator,
  type HttpAuthenticatorOptions,
  type JwtAuthenticatorOptions,
  type BuiltInDatabaseOptions,
  type AuthenticationCacheSpec,
  type NetworkEndpoint,
  type SecretEnv,
  type AuthenticatorFile,
} from './model/authentication';
export { AuthorizationSource, type ApplicationRole, type AuthorizationSpec, type AclRule, type AclSubject, type ResolvedAuthorization } from './model/authorization';
export type { IntegrationsSpec, ResolvedIntegrations, SinkKind, SinkSpecOf, ConfigSecret, ConfigFileMount, ConfigEndpoint } from './integrations/integrations';
export type { IntegrationTls } from './integrations/integration-kind';
export type { S3UploadSpec } from './integrations/s3-upload';
export type { KafkaProducerSpec } from './integrations/kafka-producer';
export type { InfluxDbSpec, InfluxDbTls } from './integrations/influxdb-sink';
export { Action, type RuleAction, type RuleSpec } from './integrations/rule-spec';
export type { DurableSessionsSpec, ResolvedDurableSessions } from './model/durable-sessions';

// Networking
export { Peer, type PolicyPeer } from './network/network-peer';
export type { NetworkPoliciesSpec, ExtraPort, ExtraIngress, ExtraEgress, ResolvedNetworkPolicies } from './network/network-policies-spec';
export type { PolicyPort } from './network/network-policy-model';

// Monitoring and backups
export type { MonitoringSpec, AlertThresholds, MetricsApiKeySpec, ResolvedMonitoring, UserAlertRule } from './monitoring/monitoring-spec';
export type { BackupSpec, ResolvedBackup } from './model/backup-spec';

// Federation and fleets
export {
  Route,
  BridgeAuthentication,
  bridgeUser,
  type FederationSpec,
  type HubSpec,
  type HubApplication,
  type PlantSpec,
  type FederationLink,
  type ResolvedFederation,
} from './federation/federation-spec';
export { parseInventory, fleetFederation, type PlantInventoryEntry, type FleetSpec } from './federation/fleet-inventory';
export type { MqttBridgeSpec, BridgeEgress, BridgeIngress } from './integrations/mqtt-bridge';

// Checks, acknowledgements and capacity planning
export { ALL_CHECKS } from './checks/all-checks';
export type { EmqxCheck, CheckMetadata, CheckSeverity, CheckInput, Finding, ManifestObject } from './checks/emqx-check';
export type { Acknowledgement } from './model/acknowledgement';
export { planCapacity, type CapacityInput, type CapacityPlan } from './model/capacity-plan';
