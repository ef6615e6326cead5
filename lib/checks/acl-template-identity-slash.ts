import { EmqxCheck } from './emqx-check';

const IDENTITY = /\$\{(clientid|username)\}/;

/**
 * From 6.3 a `/`, `+` or `#` inside a client id or username substituted into an ACL topic template makes the rule
 * not match (legacy) or deny (hardened): `authorization.topic_template_allow { plus, hash, slash }`, hidden and all
 * false (emqx_authz_schema.erl at release-63, #17596; emqx-facts §10.6 28).
 */
export const AclTemplateIdentitySlash: EmqxCheck = {
  id: 'EMQX-AclTemplateIdentitySlash',
  severity: 'warning',
  summary: "From EMQX 6.3, ACL rules with ${clientid} or ${username} in a topic stop matching clients whose id or name contains '/', '+' or '#'.",
  explanation:
    "EMQX 6.3 refuses to substitute a value holding '/', '+' or '#' into an ACL topic template (authorization.topic_template_allow, a hidden setting whose plus, hash and slash are all false). A device named 'line-3/press-1' no longer matches 'plant/${username}/#': under the legacy profile the rule is skipped, under hardened the client is denied. It protects against a client widening its own rights with a crafted id, and it silently cuts off fleets whose ids were hierarchical on 6.2 and before.",
  fix: "Make sure device client ids and usernames hold no '/', '+' or '#' (refuse them in the authentication service or the certificate names), and acknowledge this warning with how they are kept so; or, for a fleet whose ids are hierarchical, set authorization.topicTemplateAllow: { slash: true } (the 6.2 behaviour: such a client reaches the deeper topics its id spells out).",
  run: ({ cluster }) => {
    // with slash allowed, hierarchical ids match as on 6.2 ('+' and '#' stay refused, as they should)
    if (!cluster.version.hasStrictAclTopicTemplates || cluster.authorization.topicTemplateAllow?.slash) return [];
    const topics = cluster.authorization.sources.flatMap((s) => s.rules.flatMap((r) => r.topics.map((t) => (typeof t === 'string' ? t : t.eq))));
    const templated = [...new Set(topics.filter((t) => IDENTITY.test(t)))];
    return templated.length ? [`authorization rules on ${templated.join(', ')} (EMQX ${cluster.version})`] : [];
  },
};
