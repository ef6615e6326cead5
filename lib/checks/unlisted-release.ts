import { EmqxCheck } from './emqx-check';

/** A release the library does not list, rendered on purpose with its line's rules. */
export const UnlistedRelease: EmqxCheck = {
  id: 'EMQX-UnlistedRelease',
  severity: 'warning',
  summary: 'The cluster runs a release this library does not list yet, rendered with its line\'s rules.',
  explanation:
    "EMQX backports keys into patch releases, and a key a release does not know is fatal at boot (emqx-facts §9.2, §10.0). A patch newer than the library's table is rendered as the newest listed release of its line, which is usually right and is not checked.",
  fix: "Read the release's changelog for new or changed keys, run the shared config check against it if you can, and move to a library release that lists it.",
  run: ({ cluster }) => (cluster.version.listed ? [] : [`version ${cluster.version} is rendered with the rules of ${cluster.version.newestListed}, the newest listed ${cluster.version.line} release`]),
};
