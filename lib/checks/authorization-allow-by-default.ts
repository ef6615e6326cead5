import { EmqxCheck } from './emqx-check';

/** `no_match = allow` turns every gap in the rules into access. */
export const AuthorizationAllowByDefault: EmqxCheck = {
  id: 'EMQX-AuthorizationAllowByDefault',
  severity: 'warning',
  summary: 'authorization.no_match is allow: whatever no rule covers is permitted.',
  explanation: 'A client whose topic no rule matches may publish and subscribe anywhere, e.g. to other plants\' command topics. EMQX 6.0 changed its own default to deny for this reason (#15820).',
  fix: "Keep noMatch: 'deny' (the library's default) and allow what clients need explicitly.",
  run: ({ cluster }) => (cluster.authorization.noMatch === 'allow' ? ['authorization.noMatch = allow'] : []),
};
