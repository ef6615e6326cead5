// The defaults that moved between releases are written explicitly, where the release has the key.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { PINNED_DEFAULTS, renderPinnedDefaultsDoc } from '../../lib/versions/pinned-defaults';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const license = { secretName: 'emqx-license', key: 'license.key' };
async function conf(version: string, extra: Partial<EmqxClusterSpec> = {}): Promise<any> {
  return parseHocon(renderEmqxConfig(resolveClusterSpec({ name: 'c', version, edition: EmqxEdition.ENTERPRISE, license, networkPolicies: TEST_NETWORK_POLICIES, ...extra }), 'core'));
}

// which release has which key, by hand from the sources PINNED_DEFAULTS names
test.each([
  ['5.1.1', undefined, undefined],
  ['5.4.1', undefined, undefined],
  ['5.8.1', '2m', undefined],
  ['5.9.2', '2m', false],
  ['6.0.1', '2m', false],
])('%s: dist_net_ticktime %p, node caches %p', async (version, ticktime, cache) => {
  const c = await conf(version);
  expect(c.node.dist_net_ticktime).toBe(ticktime);
  expect(c.authentication_settings?.node_cache?.enable).toBe(cache);
  expect(c.authorization.node_cache?.enable).toBe(cache);
  expect(c.authorization.no_match).toBe('deny');
  expect(c.authorization.sources).toEqual([]);
});

// hand-checked from the sources PINNED_DEFAULTS names: strict_mode true from 6.3.0, dist_net_ticktime 60s from 6.2.0
test.each([['6.0.3', false, '2m'], ['6.1.5', false, '2m'], ['6.2.0', false, '60s'], ['6.3.1', true, '60s']])('%s: strict_mode %p, dist_net_ticktime %p', async (version, strict, ticktime) => {
  const c = await conf(version as string);
  expect(c.mqtt.strict_mode).toBe(strict);
  expect(c.node.dist_net_ticktime).toBe(ticktime);
  // the node caches are on by default from 6.2: written off unless asked for
  expect(c.authentication_settings.node_cache.enable).toBe(false);
});

test('Prometheus basic auth is written whenever the cluster is monitored on 5.4+, not before', async () => {
  expect((await conf('5.8.1', { monitoring: {} })).prometheus).toEqual({ enable_basic_auth: false });
  expect((await conf('5.8.1', { monitoring: { apiKey: { secretName: 'm' } } })).prometheus).toEqual({ enable_basic_auth: true });
  expect((await conf('5.1.1', { monitoring: {} })).prometheus).toBeUndefined();
  expect((await conf('5.8.1')).prometheus).toBeUndefined();
});

test('every pinned default names its source, and docs/DEFAULTS.md is generated from the list (npm run docs:defaults)', () => {
  for (const d of PINNED_DEFAULTS) for (const text of [d.key, d.moved, d.source, d.written]) expect(text.length).toBeGreaterThan(5);
  expect(fs.readFileSync(path.join(__dirname, '../../docs/DEFAULTS.md'), 'utf8')).toBe(renderPinnedDefaultsDoc());
});
