import { EmqxCheck } from './emqx-check';

/** EMQX 6.3's legacy profile keeps the permissive behaviours the hardened one closes (facts §10.13 54). */
export const LegacySecurityProfile: EmqxCheck = {
  id: 'EMQX-LegacySecurityProfile',
  severity: 'warning',
  summary: "The cluster runs EMQX 6.3's legacy security profile.",
  explanation:
    "Under legacy, authentication and authorization backend errors let clients through, the shipped acl.conf's last rule allows, the default cookie and dashboard password are accepted and authn/authz hook crashes do not deny. The hardened profile (EMQX's planned 7.0 default) closes each of these, and the library's output already satisfies it: explicit binds, enable_authn = false only on anonymous listeners, a Secret cookie and password.",
  fix: "Use securityProfile: 'hardened' (the default), after checking your authentication and authorization backends answer reliably; or acknowledge legacy with the reason (e.g. a rolling upgrade from 6.2, where every node must run the same profile).",
  run: ({ cluster }) => (cluster.runtime.securityProfile === 'legacy' ? [`securityProfile = legacy on EMQX ${cluster.version}`] : []),
};
