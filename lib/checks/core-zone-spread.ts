import { ZoneSpread } from '../model/emqx-cluster-spec';
import { EmqxCheck } from './emqx-check';

/** Cores that may share a zone can all go down with it. */
export const CoreZoneSpread: EmqxCheck = {
  id: 'EMQX-CoreZoneSpread',
  severity: 'warning',
  summary: 'Core nodes are not spread over at least 3 zones with a hard constraint.',
  explanation:
    'With a soft or no zone constraint the scheduler may put several cores in one zone, and a zone outage then takes the core majority with it; with fewer than 3 cores no spread can survive a zone loss with a majority left.',
  fix: 'Keep coreZoneSpread: ZoneSpread.HARD (the default) and run 3 or 5 cores in a cluster with at least 3 zones.',
  run: ({ cluster }) => {
    const out: string[] = [];
    if (cluster.coreZoneSpread !== ZoneSpread.HARD) out.push(`coreZoneSpread = ${cluster.coreZoneSpread}`);
    if (cluster.cores < 3) out.push(`cores = ${cluster.cores}: fewer than 3 zones can hold a core`);
    return out;
  },
};
