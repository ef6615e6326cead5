import { renderHocon } from '../../lib/hocon/hocon';
import { parseHocon } from '../support/hocon';

describe('renderHocon', () => {
  test('round-trips nested objects, arrays, numbers and booleans through an independent parser', async () => {
    const doc = {
      node: { data_dir: 'data', role: 'core' },
      cluster: { name: 'emqx', static: { seeds: ['emqx@a.b.svc.cluster.local', 'emqx@c.d.svc.cluster.local'] } },
      rpc: { server_port: 5369, port_discovery: 'manual' },
      listeners: { tcp: { default: { enable: true, bind: '0.0.0.0:1883' } } },
      authentication: [{ mechanism: 'password_based', body: { username: '${username}' } }],
      empty: {},
    };
    const parsed = await parseHocon(renderHocon(doc));
    expect(parsed).toEqual(doc);
  });

  test('keeps EMQX templates as quoted strings, never HOCON substitutions', async () => {
    const text = renderHocon({ body: { clientid: '${clientid}', topic: 'hub/${topic}' } });
    expect(text).toContain('clientid = "${clientid}"');
    expect((await parseHocon(text)).body).toEqual({ clientid: '${clientid}', topic: 'hub/${topic}' });
  });

  test('escapes quotes, backslashes and newlines, and quotes keys that are not identifiers', async () => {
    const doc = { headers: { 'content-type': 'application/json', 'x.dotted': 'a "b" \\ c\nd' } };
    const text = renderHocon(doc);
    expect(text).toContain('"x.dotted" = ');
    expect(await parseHocon(text)).toEqual(doc);
  });

  test('skips undefined values and is deterministic', () => {
    const build = () => renderHocon({ a: { b: undefined, c: 1 }, d: undefined }, 'header');
    expect(build()).toBe(build());
    expect(build()).not.toContain('b =');
    expect(build()).not.toContain('d ');
    expect(build().startsWith('# header\n')).toBe(true);
  });

  test('fails on a number HOCON cannot hold', () => {
    expect(() => renderHocon({ a: Number.NaN })).toThrow(/cannot write the number NaN/);
  });
});
