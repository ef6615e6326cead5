import { nlbIdleTimeoutSeconds } from '../model/resolve-listeners';
import { EmqxCheck } from './emqx-check';
import { declaredKeepalives } from './keepalive-not-below-nlb-idle-timeout';

/** EMQX forgives a late ping up to keepalive × multiplier; the NLB does not. */
export const KeepaliveToleranceBeyondNlbIdleTimeout: EmqxCheck = {
  id: 'EMQX-KeepaliveToleranceBeyondNlbIdleTimeout',
  severity: 'warning',
  summary: 'keepalive × keepalive_multiplier reaches past an NLB idle timeout.',
  explanation:
    'EMQX keeps a client whose PINGREQ arrives late, up to keepalive × keepalive_multiplier (default 1.5); the NLB cuts the flow at its idle timeout regardless. Devices on lossy links whose pings run late are then dropped by the NLB although EMQX would have kept them.',
  fix: 'Keep keepalive × multiplier below the NLB idle timeout (lower the keepalive, or raise idleTimeoutSeconds on TCP listeners).',
  run: ({ cluster }) => {
    const m = cluster.mqtt?.keepaliveMultiplier ?? 1.5;
    const out: string[] = [];
    for (const l of cluster.listeners) {
      const idle = nlbIdleTimeoutSeconds(l);
      if (idle === undefined) continue;
      for (const [field, keepalive] of declaredKeepalives(cluster.mqtt)) {
        // below the idle timeout itself (else the error check fires), but not with EMQX's tolerance
        if (keepalive < idle && keepalive * m > idle) out.push(`${field} ${keepalive} s × ${m} > ${idle} s (NLB '${l.exposure.nlb!.name}', listeners.${l.type}.${l.name})`);
      }
    }
    return out;
  },
};
