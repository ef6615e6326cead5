import { Authenticator } from '../model/authentication';
import { EmqxCheck } from './emqx-check';

/** The chains (the cluster's, and each listener's own) where a JWT authenticator comes before a password-based one. */
function jwtAheadOfPasswords(chain: readonly Authenticator[]): boolean {
  const jwt = chain.findIndex((a) => a.kind === 'jwt');
  return jwt >= 0 && chain.slice(jwt + 1).some((a) => a.kind !== 'jwt');
}

/**
 * Under 6.3's hardened profile a JWT authenticator denies every client whose password is not a JWT, so the password
 * authenticators after it never see a client. Sources: emqx_authn_jwt.erl (release-63) verify/6 maps a token that
 * does not verify to `invalid_signature` → `emqx_authn_utils:backend_failure_result()`, which emqx_security_profile's
 * `authn_backend_failure` policy makes `ignore` under legacy and a denial under hardened (emqx-facts §10.13 54).
 */
export const JwtAheadOfPasswords: EmqxCheck = {
  id: 'EMQX-JwtAheadOfPasswords',
  severity: 'error',
  summary: 'Under the hardened security profile, a JWT authenticator ahead of password authenticators denies every client that sends a plain password.',
  explanation:
    "EMQX tries a chain's authenticators in order, and the next one gets the client only when the previous one says 'ignore'. A JWT authenticator given a password that is not a JWT fails to verify it, which EMQX treats as a backend failure (emqx_authn_jwt.erl: invalid_signature → backend_failure_result). Under the legacy profile that is 'ignore', so the built-in database or HTTP service behind it still decides; under EMQX 6.3's hardened profile (the library's default) it is a denial, so every device with a plain password is refused at CONNECT. EMQX's docs suggest a `precondition` on the JWT authenticator, but the `is_jwt()` function they name is not in EMQX's Variform (emqx_variform_bif.erl at release-63), so the library does not write one.",
  fix: "Put the password authenticators first and the JWT authenticator last (a password authenticator ignores users it does not know), give JWT clients their own listener with its own chain (listeners[].authentication), or acknowledge it with the reason every client of this chain sends a JWT.",
  run: ({ cluster }) => {
    if (cluster.runtime.securityProfile !== 'hardened') return [];
    return [
      ...(jwtAheadOfPasswords(cluster.authentication) ? ['authentication: a JWT authenticator comes before a password authenticator'] : []),
      ...cluster.listeners.filter((l) => jwtAheadOfPasswords(l.authentication)).map((l) => `listeners.${l.type}.${l.name}.authentication: a JWT authenticator comes before a password authenticator`),
    ];
  },
};
