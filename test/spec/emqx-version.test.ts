import * as fc from 'fast-check';
import * as semver from 'semver';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { EmqxVersion } from '../../lib/versions/emqx-version';

describe('EmqxVersion', () => {
  test.each(['5.1.6', '5.4.1', '5.8.9', '5.10.4', '6.0.1'])('parses %s', (v) => {
    const version = EmqxVersion.of(v);
    expect(version.version).toBe(v);
    expect(version.line).toBe(v.split('.').slice(0, 2).join('.'));
  });

  test.each([
    ['latest', /not an exact EMQX release/],
    ['5.8', /not an exact EMQX release/],
    ['^5.8.0', /not an exact EMQX release/],
    ['6.1.0-alpha.1', /not an exact EMQX release/],
    ['4.4.19', /EMQX 4.4 is not supported/],
    ['5.0.26', /EMQX 5.0 is not supported/],
    ['7.0.0', /EMQX 7.0 is not supported/],
  ])('fails on %s, naming the field and the fix', (v, message) => {
    expect(() => EmqxVersion.of(v)).toThrow(EmqxSpecError);
    expect(() => EmqxVersion.of(v)).toThrow(message);
    expect(() => EmqxVersion.of(v)).toThrow(/^version: /);
  });

  test('gen_rpc port key: tcp_server_port up to 5.7, server_port from 5.8.0', () => {
    expect(EmqxVersion.of('5.1.6').rpcServerPortKey).toBe('tcp_server_port');
    expect(EmqxVersion.of('5.7.2').rpcServerPortKey).toBe('tcp_server_port');
    expect(EmqxVersion.of('5.8.0').rpcServerPortKey).toBe('server_port');
    expect(EmqxVersion.of('6.0.1').rpcServerPortKey).toBe('server_port');
  });

  test('replicants: both editions before 5.8, enterprise only from 5.8', () => {
    expect(EmqxVersion.of('5.7.2').hasReplicants(EmqxEdition.OPEN_SOURCE)).toBe(true);
    expect(EmqxVersion.of('5.8.0').hasReplicants(EmqxEdition.OPEN_SOURCE)).toBe(false);
    expect(EmqxVersion.of('5.8.9').hasReplicants(EmqxEdition.ENTERPRISE)).toBe(true);
  });

  test('editions and licensing: open source ends at 5.8; clusters need a license from 5.9', () => {
    expect(EmqxVersion.of('5.8.9').defaultEdition).toBe(EmqxEdition.OPEN_SOURCE);
    expect(EmqxVersion.of('5.9.0').defaultEdition).toBe(EmqxEdition.ENTERPRISE);
    expect(EmqxVersion.of('5.8.9').clusterNeedsLicense).toBe(false);
    expect(EmqxVersion.of('5.9.0').clusterNeedsLicense).toBe(true);
    expect(EmqxVersion.of('5.8.9').hasLicenseRoot(EmqxEdition.OPEN_SOURCE)).toBe(false);
    expect(EmqxVersion.of('5.4.1').hasLicenseRoot(EmqxEdition.ENTERPRISE)).toBe(true);
  });

  test('data integration layout and authorization default follow the release notes', () => {
    expect(EmqxVersion.of('5.1.6').dataIntegrationLayout).toBe('bridges');
    expect(EmqxVersion.of('5.4.1').dataIntegrationLayout).toBe('actions');
    expect(EmqxVersion.of('5.5.0').dataIntegrationLayout).toBe('actions-sources');
    expect(EmqxVersion.of('5.8.9').authorizationNoMatchDefault).toBe('allow');
    expect(EmqxVersion.of('6.0.1').authorizationNoMatchDefault).toBe('deny');
    expect(EmqxVersion.of('5.8.9').hasListenerBurstKeys).toBe(false);
    expect(EmqxVersion.of('5.9.1').hasListenerBurstKeys).toBe(true);
  });
});

// atLeast compares numbers; semver's gte of the same two versions is the oracle
test('atLeast orders releases as semver does', () => {
  const listed = ['5.1.6', '5.8.9', '5.8.12', '5.10.5', '6.0.1', '6.3.1'];
  fc.assert(fc.property(fc.constantFrom(...listed), fc.nat(12), fc.nat(12), fc.nat(15), (release, major, minor, patch) => {
    expect(EmqxVersion.of(release).atLeast(major, minor, patch)).toBe(semver.gte(release, `${major}.${minor}.${patch}`));
  }), { numRuns: 2000 });
  expect(EmqxVersion.of('5.10.5').atLeast(5, 9)).toBe(true); // 10 > 9 as numbers, not as strings
  expect(EmqxVersion.of('5.8.12').atLeast(5, 8, 9)).toBe(true);
});
