import { EmqxCheck } from './emqx-check';

/** Without policies, every pod in the cluster can reach the Erlang distribution port, i.e. run code on the nodes. */
export const NetworkPoliciesDisabled: EmqxCheck = {
  id: 'EMQX-NetworkPoliciesDisabled',
  severity: 'warning',
  summary: 'The cluster runs without the NetworkPolicies the library generates.',
  explanation:
    'The Erlang distribution port (4370+N) and gen_rpc (5369) trust anyone holding the cookie: a pod that can reach them and learns the cookie can run arbitrary code on every node. The dashboard (18083) and the listeners are then open to every pod too. The reason given with networkPolicies.disabled is recorded as the acknowledgement.',
  fix: 'Remove networkPolicies.disabled, or make sure other policies (e.g. Cilium cluster-wide) restrict these ports.',
  run: ({ cluster }) => (cluster.networkPolicies.disabledReason !== undefined ? [`networkPolicies.disabled: ${cluster.networkPolicies.disabledReason}`] : []),
};
