#!/usr/bin/env bash
# Regenerates the typed CRD classes in lib/imports/ with `cdk8s import` (the output is committed;
# users never need the CRD files). Usage: scripts/import-crds.sh [CRD_DIR]  (default ../shared/crds)
set -euo pipefail
cd "$(dirname "$0")/.."
CRDS=${1:-../shared/crds}
tmp=$(mktemp -d)
# `cdk8s import` records each input in cdk8s.yaml; keep the project's file as it is
cp cdk8s.yaml "$tmp/cdk8s.yaml.orig"
trap 'cp "$tmp/cdk8s.yaml.orig" cdk8s.yaml; rm -rf "$tmp"' EXIT
# one file per API group, or each import overwrites the previous kind's classes
for f in certificates issuers clusterissuers; do cat "$CRDS/cert-manager/cert-manager.io_$f.yaml"; echo '---'; done > "$tmp/cert-manager.yaml"
for f in servicemonitors podmonitors prometheusrules; do cat "$CRDS/prometheus-operator/monitoring.coreos.com_$f.yaml"; echo '---'; done > "$tmp/prometheus-operator.yaml"
npx cdk8s import "$tmp/cert-manager.yaml" -l typescript -o lib/imports
npx cdk8s import "$tmp/prometheus-operator.yaml" -l typescript -o lib/imports
# the EMQX Operator's EMQX resource is not imported: its fields are typed from the operator's Go API for both
# versions the library renders (lib/workload/emqx-operator-api.ts; no v2 CRD YAML is published at hand)
