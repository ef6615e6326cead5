// A user's fleet from an inventory, written with synthesizeFleet from the installed package: 20 plants, enough for
// the manifests to be formatted and written on its worker thread (which loads the package's compiled writer). Each
// file must hold exactly the objects the Federation construct renders for that site.
import { deepStrictEqual } from 'node:assert';
import * as path from 'node:path';
import { App, Chart, Yaml } from 'cdk8s';
import { Federation, fleetFederation, Peer, Route, synthesizeFleet } from 'emqx-constructs';
import { hub } from './hub';

const spec = fleetFederation({
  name: 'acme',
  hub,
  routes: [Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' }), Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/' })],
  plants: Array.from({ length: 20 }, (_, i) => ({ name: `plant-${i}`, version: '5.8.9' })),
  plantTemplate: { networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] } },
});

const outdir = process.env.OUTDIR ?? 'out-fleet';
const written = synthesizeFleet(spec, { outdir });
const app = new App({ outdir: 'unused' });
const federation = new Federation(app, 'acme', spec);
const sites = [federation.hub, ...Object.values(federation.plants)];
if (written.files.length !== sites.length) throw new Error(`${written.files.length} files for ${sites.length} sites`);
for (const cluster of sites) {
  const chart = Chart.of(cluster);
  const file = path.join(outdir, `${chart.node.id}.k8s.yaml`);
  deepStrictEqual(Yaml.load(file), chart.toJson(), `${file} differs from what the Federation construct renders`);
}
console.log(`synthesizeFleet: ${written.files.length} files, each the objects the Federation construct renders`);
