import { matchesRegex, max, metric, min, promDuration, rate, sum, time } from '../../lib/monitoring/promql';
import { EvalContext } from '../support/promql-eval';
import { promqlErrors } from '../support/promql-parser';

const up = (pod: string, value: number, role = 'core') => ({ metric: 'up', labels: { namespace: 'iot', pod, emqx_role: role }, values: value });

describe('PromQL text', () => {
  test.each([
    ['selector', metric('up', { namespace: 'iot' }), 'up{namespace="iot"}'],
    ['regex and offset', metric('x').where(matchesRegex('pod', 'a-[0-9]+')).offset(600), 'x{pod=~"a-[0-9]+"} offset 10m'],
    ['rate', rate(metric('c', { a: 'b' }), 300), 'rate(c{a="b"}[5m])'],
    ['aggregation by', max(metric('g'), ['pod']), 'max by (pod)(g)'],
    ['nested arithmetic and comparison', sum(metric('a')).sub(sum(metric('b'))).gt(1.5), '(sum(a) - sum(b)) > 1.5'],
    ['and', metric('s').eq(0).and(metric('e').eq(1)), '(s == 0) and (e == 1)'],
    ['time', metric('t').sub(time()).lt(86400), '(t - time()) < 86400'],
    ['escaping', metric('x', { a: 'q"b\\c' }), 'x{a="q\\"b\\\\c"}'],
  ])('%s', (_name, expr, text) => {
    expect(expr.toString()).toBe(text);
    expect(promqlErrors(text)).toEqual([]);
  });

  test('the real parser rejects broken PromQL (so the checks above mean something)', () => {
    expect(promqlErrors('sum(rate(x[5m]) >')).not.toEqual([]);
    expect(promqlErrors('up{namespace=iot}')).not.toEqual([]);
  });

  test('durations', () => {
    expect([30, 60, 300, 3600, 86400, 90].map(promDuration)).toEqual(['30s', '1m', '5m', '1h', '1d', '90s']);
  });
});

describe('evaluation against fixture series', () => {
  test('selectors filter by label, = and anchored =~', () => {
    const ctx = new EvalContext([up('emqx-core-0', 1), up('emqx-core-1', 0), up('other-core-0', 1)]);
    expect(metric('up').where(matchesRegex('pod', 'emqx-core-[0-9]+')).samples(ctx).map((s) => s.labels.pod)).toEqual(['emqx-core-0', 'emqx-core-1']);
    expect(metric('up').where(matchesRegex('pod', 'core')).samples(ctx)).toEqual([]);
  });

  test('comparisons filter and keep the left value; sum/count/max/min aggregate', () => {
    const ctx = new EvalContext([up('a', 1), up('b', 0), up('c', 1, 'replicant')]);
    expect(metric('up').eq(0).samples(ctx).map((s) => s.labels.pod)).toEqual(['b']);
    expect(sum(metric('up', { emqx_role: 'core' })).samples(ctx)).toEqual([{ labels: {}, value: 1 }]);
    expect(sum(metric('up'), ['emqx_role']).samples(ctx)).toEqual([{ labels: { emqx_role: 'core' }, value: 1 }, { labels: { emqx_role: 'replicant' }, value: 1 }]);
    expect(max(metric('up')).sub(min(metric('up'))).samples(ctx)).toEqual([{ labels: {}, value: 1 }]);
  });

  test('rate is the per-second increase over the window, with counter resets', () => {
    const c = (values: Record<number, number>) => new EvalContext([{ metric: 'c', values }]);
    expect(rate(metric('c'), 300).samples(c({ 0: 600, 300: 0 }))[0].value).toBe(2);
    expect(rate(metric('c'), 300).samples(c({ 0: 30, 300: 1000 }))[0].value).toBe(0.1);
    expect(rate(metric('c'), 300).samples(c({ 0: 30 }))).toEqual([]);
  });

  test('offset reads the past; vector-vector matching is one-to-one on label sets; and intersects', () => {
    const ctx = new EvalContext([{ metric: 'g', values: { 0: 10, 600: 100 } }]);
    expect(sum(metric('g')).lt(sum(metric('g').offset(600)).mul(0.5)).samples(ctx)).toEqual([{ labels: {}, value: 10 }]);
    const both = new EvalContext([
      { metric: 's', labels: { id: 'a' }, values: 0 }, { metric: 'e', labels: { id: 'a' }, values: 1 },
      { metric: 's', labels: { id: 'b' }, values: 0 }, { metric: 'e', labels: { id: 'b' }, values: 0 },
    ]);
    expect(metric('s').eq(0).and(metric('e').eq(1)).samples(both).map((x) => x.labels.id)).toEqual(['a']);
  });

  test('time() is the evaluation time', () => {
    const ctx = new EvalContext([{ metric: 't', values: 1_800_000_000 + 3600 }], 1_800_000_000);
    expect(metric('t').sub(time()).samples(ctx)[0].value).toBe(3600);
  });

  test('comparing two scalars without bool is refused, as PromQL does', () => {
    expect(() => time().gt(1).evaluate(new EvalContext([]))).toThrow(/needs bool/);
  });
});
