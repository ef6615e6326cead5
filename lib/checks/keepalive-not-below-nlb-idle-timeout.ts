import { nlbIdleTimeoutSeconds } from '../model/resolve-listeners';
import { EmqxCheck } from './emqx-check';

/** The keepalives the spec declares: what devices ask for, and what EMQX imposes on MQTT 5 clients. */
export function declaredKeepalives(mqtt: { deviceKeepaliveSeconds?: number; serverKeepaliveSeconds?: number } | undefined): [string, number][] {
  const out: [string, number][] = [];
  if (mqtt?.deviceKeepaliveSeconds !== undefined) out.push(['mqtt.deviceKeepaliveSeconds', mqtt.deviceKeepaliveSeconds]);
  if (mqtt?.serverKeepaliveSeconds !== undefined) out.push(['mqtt.serverKeepaliveSeconds', mqtt.serverKeepaliveSeconds]);
  return out;
}

/** A device quiet for as long as the NLB's idle timeout is cut off, and reconnects, every keepalive. */
export const KeepaliveNotBelowNlbIdleTimeout: EmqxCheck = {
  id: 'EMQX-KeepaliveNotBelowNlbIdleTimeout',
  severity: 'error',
  summary: 'A device keepalive is not below the idle timeout of an NLB in front of its listener.',
  explanation:
    'An idle MQTT client sends only a PINGREQ every keepalive. An AWS NLB forgets a flow that carried nothing for its idle timeout (350 s by default; fixed at 350 s for TLS listeners) and resets it on the next packet, so every idle device is disconnected and reconnects once per keepalive: a permanent reconnect storm (emqx/emqx#12823).',
  fix: 'Keep deviceKeepaliveSeconds / serverKeepaliveSeconds below the idle timeout, or raise Exposure.awsNlb({ idleTimeoutSeconds }) (TCP listeners, up to 6000 s).',
  run: ({ cluster }) => {
    const out: string[] = [];
    for (const l of cluster.listeners) {
      const idle = nlbIdleTimeoutSeconds(l);
      if (idle === undefined) continue;
      for (const [field, keepalive] of declaredKeepalives(cluster.mqtt)) {
        if (keepalive >= idle) out.push(`${field} = ${keepalive} s, NLB '${l.exposure.nlb!.name}' idle timeout for listeners.${l.type}.${l.name} = ${idle} s${l.tls?.terminatesAt === 'nlb' ? ' (fixed for TLS listeners)' : ''}`);
      }
    }
    return out;
  },
};
