import { EmqxCheck } from './emqx-check';

const ORDERED = ['sticky', 'hash_clientid', 'hash_topic'];

/** Ordered consumers behind a round-robin shared subscription see one device's messages interleaved. */
export const SharedSubscriptionUnordered: EmqxCheck = {
  id: 'EMQX-SharedSubscriptionUnordered',
  severity: 'warning',
  summary: 'Shared subscriptions are declared ordered, but the strategy does not keep a device on one consumer.',
  explanation: 'With random or round_robin, consecutive messages of one device go to different consumers of the group and are processed out of order.',
  fix: "Set mqtt.sharedSubscriptionStrategy to 'sticky', 'hash_clientid' or 'hash_topic'.",
  run: ({ cluster }) => {
    const m = cluster.mqtt;
    if (!m?.orderedSharedSubscriptions) return [];
    const s = m.sharedSubscriptionStrategy ?? 'round_robin';
    return ORDERED.includes(s) ? [] : [`mqtt.sharedSubscriptionStrategy = ${s}`];
  },
};
