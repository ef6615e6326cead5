// The public EMQX releases this library renders, by line: an exact release outside this table is refused
// (a semver check alone let '5.8.99' through and rendered an image tag that does not exist).
//
// Sources: one changelog per release in emqx/emqx `changes/` — `v<X.Y.Z>.en.md` (open source),
// `e<X.Y.Z>.en.md` (enterprise), `<X.Y.Z>.en.md` (6.0.2 on) — and shared/reference/emqx-facts.md §10.1
// (release dates from the 6.3 docs' all-changes-ee.md; 5.8.12 and 5.10.5 from their GitHub release pages).
// Left out on purpose: customer patches and builds (`-patch.N`, `-build.N`, `e5.9.3`), pre-releases, and
// changelog files of releases not yet announced (`6.0.4`).

/** Which editions shipped a release. */
export type ReleaseEditions = 'both' | 'open-source' | 'enterprise';

const range = (line: string, from: number, to: number, editions: ReleaseEditions): [string, ReleaseEditions][] =>
  Array.from({ length: to - from + 1 }, (_, i) => [`${line}.${from + i}`, editions]);

/** Every known release and the editions it shipped in, oldest first. */
export const KNOWN_RELEASES: ReadonlyMap<string, ReleaseEditions> = new Map<string, ReleaseEditions>([
  // 5.1: v5.1.0–v5.1.6, e5.1.0–e5.1.1
  ...range('5.1', 0, 1, 'both'), ...range('5.1', 2, 6, 'open-source'),
  // 5.2–5.7: open source and enterprise patch numbers agree (v/e files), 5.7.2 enterprise per its schema dump (§8.1)
  ...range('5.2', 0, 1, 'both'), ...range('5.3', 0, 2, 'both'), ...range('5.4', 0, 1, 'both'),
  ...range('5.5', 0, 1, 'both'), ...range('5.6', 0, 1, 'both'), ...range('5.7', 0, 2, 'both'),
  // 5.8: v5.8.0–v5.8.9 (the last open-source release); enterprise LTS continues to 5.8.12 (§10.1)
  ...range('5.8', 0, 9, 'both'), ...range('5.8', 10, 12, 'enterprise'),
  // one (enterprise, BSL) edition from 5.9 (§10.1)
  ...range('5.9', 0, 2, 'enterprise'), ...range('5.10', 0, 5, 'enterprise'), ...range('6.0', 0, 3, 'enterprise'),
  // 6.1.0–6.1.5 (6.1.5 from the 6.1 branch's all-changes-ee.md), 6.2.0–6.2.3, 6.3.0–6.3.1 (§10.1; changes/6.x.y.en.md)
  ...range('6.1', 0, 5, 'enterprise'), ...range('6.2', 0, 3, 'enterprise'), ...range('6.3', 0, 1, 'enterprise'),
]);

/** The known releases of a line, oldest first. */
export function releasesOfLine(line: string): string[] {
  return [...KNOWN_RELEASES.keys()].filter((v) => v.slice(0, v.lastIndexOf('.')) === line);
}
