// A programmatic fleet: plants come from an inventory file (examples/fleet/inventory.yaml) and share
// one template (a TLS listener for line controllers, monitoring, network policies); the hub and routes
// are declared once. `npx tsx examples/fleet/main.ts` writes it site by site with synthesizeFleet(), in
// time linear in the number of plants (see docs/PERFORMANCE.md); the examples' synth uses the Federation
// construct, which gives the same manifests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import {
  EmqxVersion, Federation, FederationSpec, FleetSpec, fleetFederation, ListenerType, parseInventory, Peer, PlantInventoryEntry, Route, synthesizeFleet, Tls,
} from 'emqx-constructs';

const license = { secretName: 'emqx-license', key: 'license.key' };

/** A fleet for a list of plants (the inventory file's, or a generated one for benchmarks). */
export function fleetSpec(plants: PlantInventoryEntry[], name = 'fleet'): FleetSpec {
  return {
    name,
    hub: {
      name: 'hub',
      namespace: `${name}-hub`,
      version: EmqxVersion.of('6.0.1'),
      cores: 3,
      replicants: 3,
      license,
      bridgeListener: { hostname: `hub.${name}.example.com`, tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }), sourceRanges: ['198.51.100.0/24'] },
      monitoring: { selectorLabels: { release: 'kube-prometheus-stack' } },
      networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: [Peer.namespace('monitoring')] },
      acknowledgements: [{ id: 'EMQX-PublicTlsWithoutClientCertificates', reason: 'plant bridges authenticate with per-plant credentials from the plants\' NAT range' }],
    },
    routes: [
      Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' }),
      Route.up('plant/+/kpi/#', { prefix: 'hub/{plant}/', qos: 0 }),
      Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/' }),
    ],
    plants,
    plantLicense: license,
    plantTemplate: {
      listeners: [
        { type: ListenerType.TCP, allowFrom: [Peer.sameNamespace()] },
        { type: ListenerType.SSL, tls: Tls.certManager({ issuer: 'plant-ca' }), allowFrom: [Peer.cidr('10.60.0.0/16')] },
      ],
      monitoring: { targetLabels: { tier: 'plant' } },
      networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] },
    },
  };
}

/** The inventory of this example. */
export function inventory(): PlantInventoryEntry[] {
  return parseInventory(parse(fs.readFileSync(path.join(__dirname, 'inventory.yaml'), 'utf8')));
}

export function federation(): FederationSpec {
  return fleetFederation(fleetSpec(inventory()));
}

export function build(app: App): Chart {
  const f = new Federation(app, 'fleet', federation());
  return f.hub.node.scope as Chart;
}

if (require.main === module) {
  // manifests only in the output folder; the findings and the diagram beside it
  const out = synthesizeFleet(federation(), { outdir: process.env.CDK8S_OUTDIR ?? 'dist/fleet', reportsDir: 'reports/fleet' });
  console.log(`wrote ${out.files.length} sites, and ${out.reports.length} reports to reports/fleet`);
}
