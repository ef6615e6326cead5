import { EmqxCheck } from './emqx-check';

/** `node.max_ports`' default (`+Q`), EMQX's cap on Erlang ports, one per connection (emqx_conf_schema; emqx-facts §2.2). */
export const DEFAULT_MAX_PORTS = 1_048_576;

/** Listeners sized beyond what a node can open: EMQX clamps `max_connections` at boot. */
export const ConnectionsBeyondPortLimit: EmqxCheck = {
  id: 'EMQX-ConnectionsBeyondPortLimit',
  severity: 'warning',
  summary: "A node's listeners together allow more connections than a node can open by default.",
  explanation:
    "Every connection is an Erlang port, and EMQX caps ports at node.max_ports (default 1,048,576) and clamps max_connections to the process's open-file limit at boot (seen on EMQX 5.8.9: 200,000 became the container's limit). Listeners sized beyond that refuse connections long before their max_connections, while the configuration looks fine. The open-file limit of a container comes from the node's container runtime (Kubernetes has no pod setting for it), so it must be raised there.",
  fix: "Keep each node's total max_connections below 1,048,576 (add replicants instead), and make sure the nodes' container runtime gives containers an open-file limit above that total plus the node's own files (check with `cat /proc/1/limits` in an EMQX pod).",
  run: ({ cluster }) => {
    const total = cluster.listeners.reduce((s, l) => s + (l.maxConnections ?? 0), 0);
    return total > DEFAULT_MAX_PORTS
      ? [`${cluster.listeners.filter((l) => l.maxConnections).map((l) => `listeners.${l.type}.${l.name} ${l.maxConnections}`).join(' + ')} = ${total} connections per node, above node.max_ports ${DEFAULT_MAX_PORTS}`]
      : [];
  },
};
