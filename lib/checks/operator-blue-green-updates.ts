import { EmqxCheck } from './emqx-check';

/** The EMQX Operator (v2beta1 and v2) replaces every node, with new PVCs, on any pod template change. */
export const OperatorBlueGreenUpdates: EmqxCheck = {
  id: 'EMQX-OperatorBlueGreenUpdates',
  severity: 'warning',
  summary: 'The EMQX Operator (apps.emqx.io/v2beta1 and v2) updates by blue-green: every pod template change replaces all nodes and their PVCs.',
  explanation:
    'Any change to coreTemplate or replicantTemplate (image, resources, env, mounts, labels) makes the operator create a new StatefulSet named after the template hash, with brand-new PVCs, then evacuate and delete the old nodes. Core data only survives by replicating to the new cores while both sets run; old PVCs pile up until revisionHistoryLimit deletes them (emqx/emqx-operator#1151, #933). Nodes of the retired set have stayed in the cluster membership (emqx/emqx-operator#1021, #1181), and replicants refused upgraded cores of another Mria version (emqx/emqx-operator#809).',
  fix: 'Treat every template change as maintenance: take a data export first (spec.backup), change one thing at a time, upgrade only within EMQX\'s supported version jumps and watch the cluster-size alerts; or use the native backend, whose StatefulSet keeps its PVCs across updates. Acknowledge with the reason you accept it.',
  run: ({ cluster }) =>
    cluster.operator
      ? [`EMQX/${cluster.name}: ${cluster.operator.apiVersion} blue-green updates; ${cluster.operator.revisionHistoryLimit} old revision(s) keep their PVCs`]
      : [],
};
