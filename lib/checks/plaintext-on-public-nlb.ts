import { ListenerType } from '../model/listener-spec';
import { EmqxCheck } from './emqx-check';

/** Plain MQTT on an internet-facing NLB sends credentials and payloads in clear text over the internet. */
export const PlaintextOnPublicNlb: EmqxCheck = {
  id: 'EMQX-PlaintextOnPublicNlb',
  severity: 'error',
  summary: 'A plain tcp or ws listener is exposed on an internet-facing NLB.',
  explanation:
    'MQTT CONNECT carries the username and password in clear text; on the internet anyone on the path can read them and every message, and replay them to your broker.',
  fix: 'Use an ssl/wss listener (Tls.certManager(), or Tls.atNlb() for TLS at the NLB), or keep the plain listener on an internal NLB.',
  run: ({ cluster }) =>
    cluster.listeners
      .filter((l) => (l.type === ListenerType.TCP || l.type === ListenerType.WS) && l.exposure.nlb?.scheme === 'internet-facing')
      .map((l) => `listeners.${l.type}.${l.name} on NLB '${l.exposure.nlb!.name}'`),
};
