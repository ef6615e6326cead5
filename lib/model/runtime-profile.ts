// 6.3's boot-time switches, which live in the environment and never in emqx.conf: the security profile
// (EMQX_SECURITY_PROFILE, facts §10.13) and the feature gates (EMQX_FEATURES, facts §10.14).
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { EmqxVersion } from '../versions/emqx-version';

/**
 * EMQX 6.3's security profile. `hardened` (the library's default from 6.3, EMQX's planned 7.0 default) listens on
 * loopback for port-only binds (the library writes explicit addresses), refuses clients on a listener without an
 * authenticator unless it says `enable_authn = false` (the library writes it for anonymous listeners), denies on
 * authentication or authorization backend errors, and refuses the default cookie and dashboard password. `legacy` is
 * 6.3's own default; choosing it on purpose is reported by `EMQX-LegacySecurityProfile`, to acknowledge with a reason.
 */
export type SecurityProfile = 'hardened' | 'legacy';

/**
 * The EMQX 6.3 features the cluster starts (`EMQX_FEATURES`); the names EMQX accepts (facts §10.14 57, §10.19 79),
 * except `gcp_device`, whose removal with GCP IoT Core in 6.3.0 is not confirmed either way.
 */
export type EmqxFeature =
  | 'dashboard' | 'metrics' | 'data_integration' | 'message_transformation' | 'schema_validation' | 'schema_registry'
  | 'gateways' | 'cluster_link' | 'multi_tenancy' | 'ai' | 'mqtt_extensions' | 'plugins' | 'file_transfer' | 'exhook' | 'opentelemetry';

const FEATURES: readonly EmqxFeature[] = [
  'dashboard', 'metrics', 'data_integration', 'message_transformation', 'schema_validation', 'schema_registry',
  'gateways', 'cluster_link', 'multi_tenancy', 'ai', 'mqtt_extensions', 'plugins', 'file_transfer', 'exhook', 'opentelemetry',
];

/** The features the spec needs, and why (for errors when a list leaves one out). */
export interface FeatureNeeds {
  /** Monitoring is on (the Prometheus endpoint). */
  readonly monitoring: boolean;
  /** Integrations, rules or MQTT bridges are declared. */
  readonly dataIntegration: boolean;
}

/** What the runtime switches resolve to (undefined before 6.3: nothing is written). */
export interface ResolvedRuntimeProfile {
  /** The security profile, on 6.3+. @default - none (before 6.3) */
  readonly securityProfile?: SecurityProfile;
  /** The features, on 6.3+ (undefined for EMQX's full set). @default - none */
  readonly features?: readonly EmqxFeature[];
}

/** Resolves the security profile and the feature set for a version, refusing what the release does not have. */
export function resolveRuntimeProfile(
  spec: { readonly securityProfile?: SecurityProfile; readonly features?: 'minimal' | 'full' | readonly EmqxFeature[] },
  version: EmqxVersion,
  needs: FeatureNeeds,
): ResolvedRuntimeProfile {
  if (!version.hasSecurityProfiles) {
    if (spec.securityProfile !== undefined) throw new EmqxSpecError('securityProfile', spec.securityProfile, `EMQX ${version} has no security profiles (from 6.3.0)`, 'remove securityProfile, or use EMQX 6.3 or newer');
    if (spec.features !== undefined) throw new EmqxSpecError('features', spec.features, `EMQX ${version} has no feature gates (from 6.3.0)`, 'remove features, or use EMQX 6.3 or newer');
    return {};
  }
  const securityProfile = spec.securityProfile ?? 'hardened';
  if (securityProfile !== 'hardened' && securityProfile !== 'legacy') throw new EmqxSpecError('securityProfile', securityProfile, 'is not a security profile (any other value stops the node at boot)', "use 'hardened' or 'legacy'");
  const needed: [EmqxFeature, string][] = [
    ['dashboard', 'the health probes, the REST API (backup job, EMQX Operator) and the dashboard need the HTTP listener, which only the dashboard feature starts'],
    ...(needs.monitoring ? [['metrics', 'monitoring scrapes the Prometheus endpoint'] as [EmqxFeature, string]] : []),
    ...(needs.dataIntegration ? [['data_integration', 'the spec declares integrations, rules or MQTT bridges'] as [EmqxFeature, string]] : []),
  ];
  const f = spec.features ?? 'minimal';
  if (f === 'full') return { securityProfile };
  if (f === 'minimal') return { securityProfile, features: needed.map(([n]) => n) };
  if (!Array.isArray(f)) throw new EmqxSpecError('features', f, "is not 'minimal', 'full' or a list of features", "e.g. 'minimal' (what the spec needs), or ['dashboard', 'gateways']");
  f.forEach((n, i) => {
    if (!FEATURES.includes(n)) throw new EmqxSpecError(`features[${i}]`, n, 'is not an EMQX feature name (an unknown one stops the node at boot)', `use one of ${FEATURES.join(', ')}`);
  });
  for (const [n, why] of needed) {
    if (!f.includes(n)) throw new EmqxSpecError('features', f, `leaves out ${n}: ${why}`, `add '${n}', or use features: 'minimal'`);
  }
  return { securityProfile, features: [...new Set(f)] };
}
