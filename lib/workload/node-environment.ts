import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NodeRole } from '../hocon/emqx-config';
import { envVarForPath } from '../integrations/integrations';
import { SecretKeyRef } from '../model/secret-key-ref';

/** One container environment variable, framework-free. Exactly one of the sources is set. */
export interface EnvVarSpec {
  readonly name: string;
  /** A literal value (never a secret). */
  readonly value?: string;
  /** A key of a Secret. */
  readonly secretKeyRef?: SecretKeyRef;
  /** A field of the pod (`metadata.name`, `status.podIP`). */
  readonly fieldPath?: string;
}

/**
 * The environment of one node role: the node name (which needs the pod's own name or IP, so it
 * cannot live in the shared emqx.conf) and every secret, by reference.
 */
export function nodeEnvironment(c: Omit<ResolvedEmqxCluster, 'workload'>, role: NodeRole): EnvVarSpec[] {
  const env: EnvVarSpec[] = [];
  // With the EMQX Operator, the operator sets the node name, discovery and cookie variables itself
  // (controllers/apps/v2beta1/add_emqx_core.go); ours would be duplicates.
  if (!c.operator) {
    // The image's entrypoint builds the node name as $EMQX_NAME@$EMQX_HOST (docker-entrypoint.sh,
    // same logic 5.1 to 6.0); the Helm chart and the EMQX Operator set the same two variables.
    env.push(
      role === 'core' ? { name: 'POD_NAME', fieldPath: 'metadata.name' } : { name: 'POD_IP', fieldPath: 'status.podIP' },
      { name: 'EMQX_NAME', value: c.nodeShortName },
      { name: 'EMQX_HOST', value: role === 'core' ? c.coreNodeHost : c.replicantNodeHost },
      { name: 'EMQX_NODE__COOKIE', secretKeyRef: c.secrets.cookie },
    );
  }
  // 6.3's boot-time switches live in the environment only (facts §10.13 52, §10.14 56); the same on every node
  if (c.runtime.securityProfile) env.push({ name: 'EMQX_SECURITY_PROFILE', value: c.runtime.securityProfile });
  if (c.runtime.features) env.push({ name: 'EMQX_FEATURES', value: c.runtime.features.join(',') });
  env.push({ name: 'EMQX_DASHBOARD__DEFAULT_PASSWORD', secretKeyRef: c.secrets.dashboardPassword });
  if (c.license) env.push({ name: 'EMQX_LICENSE__KEY', secretKeyRef: c.license });
  // EMQX cannot resolve ${ENV} inside emqx.conf; an EMQX_<PATH> variable sets the key directly (facts §9c)
  for (const s of c.configSecrets) env.push({ name: envVarForPath(s.path), secretKeyRef: s.ref });
  return env;
}
