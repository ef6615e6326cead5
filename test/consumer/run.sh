#!/usr/bin/env bash
# The consumer test: `npm pack`, then the tarball installed into fresh projects outside the repo and used
# the way users do (README "Install"): a cdk8s app run with ts-node (what `cdk8s init` sets up) and tsx,
# type-checked with strict flags and skipLibCheck off; a Pulumi program test under mocks with ts-jest.
# Prints the install figures of a cdk8s-only and a Pulumi consumer.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
fail() { echo "consumer test: $*" >&2; exit 1; }
# the same versions as this repo's lockfile (so they come from the npm cache CI already filled)
ver() { node -p "require('$repo/node_modules/$1/package.json').version"; }
npmi() { npm install --no-audit --no-fund --prefer-offline --loglevel=error "$@" >/dev/null; }
figures() { echo "$(npm ls --all --parseable 2>/dev/null | tail -n +2 | wc -l) packages, $(du -sm node_modules | cut -f1) MB of node_modules"; }

cd "$repo"
npm run -s build
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files, $(du -k "$tarball" | cut -f1) KiB"
tar -tzf "$tarball" | grep -E '^package/(test|bench|stacks|examples|\.ci|scripts)/|Pulumi\..*\.yaml$' && fail "the tarball ships repo-only files"

echo "== cdk8s consumer (ts-node as cdk8s init sets it up, and tsx)"
app="$work/cdk8s-app"
mkdir -p "$app" && cp "$repo"/test/consumer/cdk8s-app/* "$app"/ && cd "$app"
# the tsconfig.json `cdk8s init typescript-app` writes (its template, from the cdk8s-cli this repo pins)
cp "$repo/node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json" tsconfig.json
echo '{ "name": "acme-iac", "version": "1.0.0", "private": true }' > package.json
npmi "$tarball" "cdk8s@$(ver cdk8s)" "constructs@$(ver constructs)"
echo "cdk8s-only consumer: $(figures)"
[ ! -e node_modules/@pulumi ] || fail "a cdk8s-only install brought @pulumi packages"
node -e "require('emqx-constructs'); const loaded = Object.keys(require.cache).filter((f) => f.includes('@pulumi') || f.includes('lezer') || f.includes('cdk8s-plus')); if (loaded.length) { console.error(loaded); process.exit(1); }" \
  || fail "importing emqx-constructs loaded @pulumi modules, cdk8s-plus or the PromQL parser"
npmi -D "typescript@$(ver typescript)" ts-node@10.9.2 "tsx@$(ver tsx)" "@types/node@$(ver @types/node)"
OUTDIR=out-ts-node REPORTS=reports-ts-node npx ts-node main.ts 2>ts-node.err || { cat ts-node.err; fail "ts-node"; }
OUTDIR=out-tsx REPORTS=reports-tsx npx tsx main.ts 2>tsx.err || { cat tsx.err; fail "tsx"; }
for out in out-ts-node out-tsx; do
  [ "$(ls "$out")" = "$(printf 'acme-hub.k8s.yaml\nacme-plant-a.k8s.yaml\nacme-plant-b.k8s.yaml')" ] || fail "$out: $(ls "$out")"
done
diff -r out-ts-node out-tsx >/dev/null || fail "ts-node and tsx synthesized different manifests"
grep -q 'acme.example/owner: platform' out-tsx/acme-hub.k8s.yaml || fail "the escape hatch did not reach the StatefulSet"
grep -q '"s3:archive"' out-tsx/acme-plant-b.k8s.yaml && grep -q 'EMQX_CONNECTORS__S3__ARCHIVE__SECRET_ACCESS_KEY' out-tsx/acme-plant-b.k8s.yaml || fail "the S3 upload did not reach plant-b's emqx.conf and env"
[ -s reports-tsx/acme.federation.mmd ] && [ -s reports-tsx/emqx-findings.iot-hub.hub.json ] || fail "reports missing"
# a fleet past the threshold of synthesizeFleet's writer thread, which loads the package's compiled manifest writer
npx ts-node fleet.ts 2>fleet.err || { cat fleet.err; fail "synthesizeFleet from the package"; }

echo "== the README's cdk8s quick start, as written"
node "$repo/test/consumer/extract-block.mjs" "$repo/README.md" "## Quick start (cdk8s)" > quickstart.ts
npx ts-node quickstart.ts 2>quickstart.err || { cat quickstart.err; fail "README quick start (cdk8s)"; }
[ -s dist/plant-east.k8s.yaml ] && [ "$(ls dist)" = "plant-east.k8s.yaml" ] || fail "README quick start: dist/ holds $(ls dist)"
[ -s reports/emqx-findings.iot.plant-east.json ] || fail "README quick start: no findings report"

echo "== strict type-check of the consumer (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, skipLibCheck: false)"
npx tsc -p tsconfig.strict.json > tsc.log 2>&1 || true
grep -E 'error TS' tsc.log > errors.log || true
ours="$(grep -E '^(main\.ts|node_modules/emqx-constructs/)' errors.log || true)"
[ -z "$ours" ] || { echo "$ours"; fail "type errors in the consumer's code or in emqx-constructs' declarations"; }
others="$(grep -cE '^node_modules/' errors.log || true)"
echo "0 errors in the consumer and in emqx-constructs; $others in other packages' declarations:"
sed -E 's#^node_modules/((@[^/]+/)?[^/]+)/.*error (TS[0-9]+).*#  \1 \3#' errors.log | sort | uniq -c | sed 's/^/ /'
echo "declaration files read: $(npx tsc -p tsconfig.strict.json --listFilesOnly | grep -c 'node_modules/emqx-constructs/') of emqx-constructs, $(npx tsc -p tsconfig.strict.json --listFilesOnly | grep -c 'node_modules/kubernetes-types/') of kubernetes-types"

echo "== Pulumi consumer (jest + ts-jest under Pulumi mocks, no transform setting for emqx-constructs)"
pul="$work/pulumi-app"
mkdir -p "$pul/regions" && cp "$repo"/test/consumer/pulumi-app/* "$pul"/ && cd "$pul"
# the two-region program (a hub stack and a plants stack reading it through a StackReference), one test file per stack
cp "$repo"/test/consumer/pulumi-regions/*.ts "$pul/regions/"
node "$repo/test/consumer/extract-block.mjs" "$repo/README.md" "## Quick start (Pulumi)" > quickstart.ts
echo '{ "name": "acme-pulumi", "version": "1.0.0", "private": true }' > package.json
npmi "$tarball" "cdk8s@$(ver cdk8s)" "constructs@$(ver constructs)" "@pulumi/pulumi@$(ver @pulumi/pulumi)" "@pulumi/kubernetes@$(ver @pulumi/kubernetes)" "@pulumi/aws@$(ver @pulumi/aws)"
echo "Pulumi consumer: $(figures)"
npmi -D "typescript@$(ver typescript)" "jest@$(ver jest)" ts-jest@29.4.15 "@types/jest@$(ver @types/jest)" "@types/node@$(ver @types/node)"
npx jest --ci > jest.log 2>&1 || { cat jest.log; fail "Pulumi consumer tests"; }
grep -E '^(PASS|FAIL)|^Tests:' jest.log
echo "== consumer test passed"
