import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { build, federation, fleetSpec } from '../../examples/fleet/main';
import { synthesizeFleet } from '../../lib/cdk8s/synthesize-fleet';
import { writeReports } from '../../lib/cdk8s/write-reports';
import { fleetFederation, parseInventory } from '../../lib/federation/fleet-inventory';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));

describe('synthesizeFleet', () => {
  test('writes the objects the Federation construct synthesizes in one App (parsed back: the writers differ in quoting), and byte for byte the same reports as writeReports()', () => {
    const [fleetDir, fleetReports] = [tmp('fleet'), tmp('fleet-reports')];
    const out = synthesizeFleet(federation(), { outdir: fleetDir, reportsDir: fleetReports });
    const [appDir, appReports] = [tmp('app'), tmp('app-reports')];
    const app = new App({ outdir: appDir });
    build(app);
    app.synth();
    writeReports(app, appReports);
    const files = (d: string) => fs.readdirSync(d).sort();
    const read = (d: string, f: string) => fs.readFileSync(path.join(d, f), 'utf8');
    const objects = (d: string, f: string) => YAML.parseAllDocuments(read(d, f), { version: '1.1' }).map((doc) => doc.toJS());
    expect(files(fleetDir)).toEqual(files(appDir));
    for (const f of files(fleetDir)) expect([f, objects(fleetDir, f)]).toEqual([f, objects(appDir, f)]);
    expect(files(fleetReports)).toEqual(files(appReports));
    for (const f of files(fleetReports)) expect([f, read(fleetReports, f)]).toEqual([f, read(appReports, f)]);
    expect(files(fleetDir).every((f) => f.endsWith('.k8s.yaml'))).toBe(true);
    expect(out.reports.map((f) => path.basename(f)).sort()).toEqual(files(fleetReports));
    expect(out.diagram).toBe(fs.readFileSync(path.join(fleetReports, 'fleet.federation.mmd'), 'utf8'));
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
    const error = fleetFederation({ ...base, plantTemplate: { ...base.plantTemplate, authorization: undefined, mqtt: { deviceKeepaliveSeconds: 400 }, listeners: [{ type: 'tcp' as never, exposure: require('../../lib/model/exposure').Exposure.awsNlb() }], networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: base.plantTemplate!.networkPolicies!.dashboardFrom } } });
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
