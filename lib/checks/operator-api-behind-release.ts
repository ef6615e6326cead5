import { EmqxCheck } from './emqx-check';

/** `apps.emqx.io/v2beta1` (EMQX Operator 2.2) for a release that Operator 2.3's `apps.emqx.io/v2` is made for. */
export const OperatorApiBehindRelease: EmqxCheck = {
  id: 'EMQX-OperatorApiBehindRelease',
  severity: 'warning',
  summary: 'The EMQX Operator API chosen (apps.emqx.io/v2beta1, Operator 2.2) supports this EMQX release only in part.',
  explanation:
    'EMQX Operator 2.2 runs EMQX 5.9 and newer "with limited support": it does not manage the durable-storage replica sets, so after a core is added or replaced the new core holds no replicas until someone updates them through the REST API (PUT /api/v5/ds/storages/<db>/replicas), and a core retired by a blue-green update can leave shards without their copies. Operator 2.3 serves apps.emqx.io/v2 for 5.9 and newer and does this itself (emqx-facts §10.16 66, §10.9 39; EMQX Operator docs operator.md and reference/overview.md).',
  fix: "Upgrade the operator to 2.3 (docs: upgrade-operator.md; CRs on v2beta1 first, CRD conversion strategy None) and leave backend.emqxOperator.apiVersion out (apps.emqx.io/v2 is the default from 5.9), or keep 2.2 and acknowledge it with how replica sets are updated after scaling cores.",
  run: ({ cluster }) =>
    cluster.operator && cluster.operator.apiVersion !== cluster.version.emqxOperatorApiVersion
      ? [`EMQX/${cluster.name}: ${cluster.operator.apiVersion} for EMQX ${cluster.version}, which ${cluster.version.emqxOperatorApiVersion} (EMQX Operator 2.3) supports fully`]
      : [],
};
