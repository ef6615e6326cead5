/** What an alert means and what to do, for docs/ALERTS.md and the rules' `runbook` annotation. */
export interface AlertRunbook {
  /** When the alert is rendered. */
  readonly when: string;
  /** What is happening. */
  readonly meaning: string;
  /** What to do. */
  readonly action: string;
}

/** Every alert the library can render, by name. */
export const ALERT_RUNBOOKS: Record<string, AlertRunbook> = {
  EmqxNodeDown: {
    when: 'always',
    meaning: 'Prometheus cannot scrape an EMQX node (the pod is not running, not ready to serve /api/v5/prometheus/stats, or its port 18083 is blocked).',
    action: 'kubectl -n <ns> describe pod <pod>; check restarts and the last log lines (kubectl logs --previous). A crash loop right after a config change usually means a key the version rejects: compare with the version table in the README.',
  },
  EmqxClusterBelowExpectedSize: {
    when: 'always; the expected size is cores + replicants from the spec',
    meaning: 'No node sees the whole cluster: at least one node is stopped or failed to join (wrong node name, DNS record, cookie or blocked distribution port 4370+N / gen_rpc 5369).',
    action: 'emqx ctl cluster status on a running core; for a node that runs but does not join, check its node name against the headless Service DNS name and that NetworkPolicies allow the distribution and gen_rpc ports between the pods.',
  },
  EmqxClusterPartitioned: {
    when: 'always',
    meaning: 'Nodes disagree on how many nodes are running: a network partition or a node stuck leaving. EMQX autoheals a partition only when a majority can be identified.',
    action: 'emqx ctl cluster status on each side; if autoheal does not resolve it within minutes, restart the minority side one pod at a time (kubectl delete pod), never several cores at once.',
  },
  EmqxCoreQuorumAtRisk: {
    when: 'always; the majority is computed from the number of cores',
    meaning: 'Fewer than a majority of the core nodes are up. The remaining cores keep serving (Mria cores commit with plain Mnesia transactions, which need no quorum), but EMQX can no longer autoheal a network partition (autoheal needs a majority to pick the surviving side), and durable sessions on builtin_raft stop writing the shards whose replicas lost their majority.',
    action: 'Restore the missing cores first (kubectl get pods -l app.kubernetes.io/component=core); do not drain further nodes; check PVCs and zone capacity if cores stay Pending.',
  },
  EmqxReplicantReplicationLag: {
    when: 'the cluster has replicants',
    meaning: 'A replicant is far behind its core in replicating the database: subscriptions and routes it serves are stale.',
    action: 'Check the core it replicates from (CPU, emqx_mria_server_mql) and the network between them; a replicant that does not catch up can be restarted (it bootstraps again from a core).',
  },
  EmqxCoreReplicationBacklog: {
    when: 'the cluster has replicants',
    meaning: 'A core has a long queue of transactions for its replicants: they are not keeping up, or the core is overloaded.',
    action: 'Look for a burst of subscribe/unsubscribe or session churn (reconnect storm); scale cores vertically; check replicant health.',
  },
  EmqxMessagesDropped: {
    when: 'always',
    meaning: 'EMQX is dropping messages for reasons other than "no subscriber": full session queues (slow subscribers), expired messages or quota limits.',
    action: 'Break emqx_messages_dropped down by its siblings (…_quota_exceeded, …_receive_maximum, …_expired) and find the slow subscribers (dashboard: clients with a full mqueue).',
  },
  EmqxConnectionsNearListenerLimit: {
    when: 'every listener has maxConnections (the per-node limit is their sum)',
    meaning: "A node's connections approach the sum of its listeners' max_connections; beyond it new devices are refused.",
    action: 'Add replicants (or cores), or raise maxConnections if the node has the memory for it.',
  },
  EmqxConnectionsNearLicenseLimit: {
    when: 'monitoring.alerts.licenseConnections is set',
    meaning: 'Cluster connections approach what the license allows.',
    action: 'Renew or extend the license before new devices are refused.',
  },
  EmqxConnectionDrop: {
    when: 'always',
    meaning: 'A large share of all connections disappeared within 10 minutes: a network or load balancer event, a node restart, or an authentication outage. The devices will reconnect at once (reconnect storm).',
    action: 'Check the NLB and the nodes restarted in the window; watch authentication backend latency and EMQX CPU as devices come back.',
  },
  EmqxActionDisconnected: {
    when: 'EMQX 5.5+ with the data_integration scrape',
    meaning: 'An enabled action (Kafka, InfluxDB, MQTT bridge, ...) is not connected to its target: messages buffer and, once the buffer is full, are dropped.',
    action: 'Check the target service and the egress NetworkPolicy; the action id label names it (type:name).',
  },
  EmqxConnectorDisconnected: {
    when: 'EMQX 5.5+ with the data_integration scrape',
    meaning: 'An enabled connector cannot reach its target.',
    action: 'Check credentials (Secret), TLS, DNS and the egress NetworkPolicy for the target.',
  },
  EmqxActionQueueFull: {
    when: 'EMQX 5.5+ with the data_integration scrape',
    meaning: "An action's buffer is full and it drops messages (EMQX drops the oldest when the buffer overflows).",
    action: 'Restore the target, raise the buffer only if memory allows, and expect data loss for the dropped window.',
  },
  EmqxListenerCertificateExpiring: {
    when: 'EMQX 5.5+ with a listener that ends TLS in the pod',
    meaning: 'The certificate a listener is serving (as EMQX sees it) expires soon: a renewed Secret did not reach the node, or renewal failed.',
    action: 'kubectl -n <ns> get certificate; if the Secret is renewed, check that the pod mounts it as a directory (no subPath) and that EMQX reloaded it (restart the pod as a last resort).',
  },
  EmqxCertificateRenewalOverdue: {
    when: 'a listener has a cert-manager Certificate from the library',
    meaning: 'cert-manager reports the listener Certificate close to expiry: renewal is failing (issuer down, ACME challenge failing, CA expired).',
    action: 'kubectl -n <ns> describe certificate <name> and the latest CertificateRequest; fix the issuer.',
  },
  EmqxLicenseExpiring: {
    when: 'EMQX 5.5+ with a license setting (enterprise, or 5.9+)',
    meaning: 'The license expires soon; from 5.9 an expired license stops clustering and connections beyond the community limit.',
    action: 'Put the new key in the license Secret and restart the nodes one at a time (the key is read from EMQX_LICENSE__KEY at start).',
  },
  EmqxMemoryHigh: {
    when: 'the role has a memory limit',
    meaning: "An EMQX container is close to its memory limit; at the limit the kernel kills it (OOMKilled) and its clients reconnect elsewhere at once.",
    action: 'Look for large session queues, inflight windows or action buffers; raise the memory limit or spread clients over more replicants.',
  },
};
