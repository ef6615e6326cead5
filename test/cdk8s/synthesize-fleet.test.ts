import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { build, federation, fleetSpec } from '../../examples/fleet/main';
import { synthesizeFleet } from '../../lib/cdk8s/synthesize-fleet';
import { fleetFederation, parseInventory } from '../../lib/spec/fleet-inventory';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));

describe('synthesizeFleet', () => {
  test('writes byte for byte what the Federation construct writes in one App (manifests, findings, diagram)', () => {
    const fleetDir = tmp('fleet');
    const out = synthesizeFleet(federation(), { outdir: fleetDir });
    const appDir = tmp('app');
    const app = new App({ outdir: appDir });
    build(app);
    app.synth();
    const files = (d: string) => fs.readdirSync(d).sort();
    expect(files(fleetDir)).toEqual(files(appDir));
    for (const f of files(fleetDir)) expect([f, fs.readFileSync(path.join(fleetDir, f), 'utf8')]).toEqual([f, fs.readFileSync(path.join(appDir, f), 'utf8')]);
    expect(out.files).toHaveLength(7);
    expect(out.findings.every((f) => f.acknowledged !== undefined)).toBe(true);
  });

  test('cross-site rules are still checked once, up front', () => {
    const spec = fleetFederation(fleetSpec([{ name: 'plant-a', version: '5.8.9' }, { name: 'plant-a', version: '5.8.9' }]));
    expect(() => synthesizeFleet(spec, { outdir: tmp('dup') })).toThrow(/^federation.plants\[1\].name: .*used twice/);
  });

  test('warnings are collected; an error in one site stops the fleet naming the check', () => {
    const base = fleetSpec([{ name: 'plant-a', version: '5.8.9' }]);
    const warn = fleetFederation({ ...base, plantTemplate: { ...base.plantTemplate, logLevel: 'debug' } });
    expect(synthesizeFleet(warn, { outdir: tmp('warn') }).findings.map((f) => f.id)).toContain('EMQX-DebugLogLevel');
    const error = fleetFederation({ ...base, plantTemplate: { ...base.plantTemplate, authorization: undefined, mqtt: { deviceKeepaliveSeconds: 400 }, listeners: [{ type: 'tcp' as never, exposure: require('../../lib/spec/exposure').Exposure.awsNlb() }], networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: base.plantTemplate!.networkPolicies!.dashboardFrom } } });
    expect(() => synthesizeFleet(error, { outdir: tmp('err') })).toThrow(/EMQX-AnonymousListener/);
  });
});

describe('inventory', () => {
  test('a list or { plants } of name/version entries', () => {
    expect(parseInventory([{ name: 'p', version: '5.8.9' }])).toEqual([{ name: 'p', version: '5.8.9' }]);
    expect(parseInventory({ plants: [{ name: 'p', version: '5.8.9', cores: 5 }] })[0].cores).toBe(5);
    expect(() => parseInventory({ plants: [{ name: 'p' }] })).toThrow(/^inventory\[0\]: needs a name and a version/);
    expect(() => parseInventory('x')).toThrow(/^inventory: is not a list of plants/);
    expect(() => parseInventory([{ name: 'p', version: '5.8.9', edition: 'pro' }])).toThrow(/^inventory\[0\].edition: /);
  });

  test('plants get the license only where their edition and version have the setting', () => {
    const f = fleetFederation(fleetSpec([{ name: 'a', version: '5.8.9' }, { name: 'b', version: '6.0.1' }]));
    expect(f.plants.map((p) => p.license?.secretName)).toEqual([undefined, 'emqx-license']);
  });
});
