import { EmqxCheck } from './emqx-check';

/** A listener that expects PROXY protocol drops every client that does not send it. */
export const ProxyProtocolWithoutNlb: EmqxCheck = {
  id: 'EMQX-ProxyProtocolWithoutNlb',
  severity: 'warning',
  summary: 'A listener expects PROXY protocol but is only reachable through the in-cluster Service.',
  explanation:
    'With proxy_protocol = true EMQX waits for a PROXY header before MQTT and closes connections without one (after proxy_protocol_timeout); in-cluster clients and kube-proxy never send it.',
  fix: 'Remove proxyProtocol, or expose the listener on the NLB that sends the header (Exposure.awsNlb), or acknowledge if an in-cluster proxy (HAProxy, Envoy) adds it.',
  run: ({ cluster }) => cluster.listeners.filter((l) => l.proxyProtocol && l.exposure.kind === 'cluster-ip').map((l) => `listeners.${l.type}.${l.name}`),
};
