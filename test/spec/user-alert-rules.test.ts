// Alert rules of the user's own, next to the generated ones; the expression checked with Prometheus' grammar.
import { Chart, Testing } from 'cdk8s';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Peer } from '../../lib/network/network-peer';
import { UserAlertRule } from '../../lib/monitoring/monitoring-spec';
import { promqlErrors } from '../support/promql-parser';
import '../support/quiet-report';
import { specErrorOf } from '../support/spec-errors';

const silent: UserAlertRule = {
  alert: 'EmqxPlantSilent',
  expr: 'sum by (namespace) (rate(emqx_messages_received{namespace="iot"}[10m])) == 0',
  for: '15m',
  severity: 'critical',
  summary: 'No message received from the plant for 15 minutes',
  annotations: { runbook_url: 'https://wiki.acme.example/emqx/plant-silent' },
};
const base = (monitoring: EmqxClusterSpec['monitoring']): EmqxClusterSpec => ({
  name: 'emqx', version: '5.8.9', cores: 3, monitoring, networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: [Peer.namespace('monitoring')] },
});
function rule(spec: EmqxClusterSpec): any {
  const chart = new Chart(Testing.app(), 't', { namespace: 'iot', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', spec);
  return chart.toJson().find((o: any) => o.kind === 'PrometheusRule');
}

test("the user's rules get a group of their own, with the cluster's labels; the generated group stays", () => {
  const r = rule(base({ targetLabels: { plant: 'lyon' }, extraAlertRules: [silent] }));
  expect(r.spec.groups.map((g: any) => g.name)).toEqual(['emqx.iot.emqx', 'emqx.iot.emqx.user']);
  expect(r.spec.groups[1].rules).toEqual([{
    alert: 'EmqxPlantSilent',
    expr: silent.expr,
    for: '15m',
    labels: { severity: 'critical', emqx_cluster: 'emqx', namespace: 'iot', plant: 'lyon' },
    annotations: { summary: silent.summary, description: silent.summary, runbook_url: 'https://wiki.acme.example/emqx/plant-silent' },
  }]);
  // the oracle agrees that what we wrote parses
  for (const g of r.spec.groups) for (const x of g.rules) expect([x.alert, promqlErrors(x.expr)]).toEqual([x.alert, []]);
});

test('with the generated alerts off, the PrometheusRule holds the user group alone', () => {
  expect(rule(base({ alerts: false, extraAlertRules: [silent] })).spec.groups.map((g: any) => g.name)).toEqual(['emqx.iot.emqx.user']);
  expect(rule(base({ alerts: false }))).toBeUndefined();
});

test.each([
  [{ expr: 'sum(rate(emqx_messages_received[5m]) ==' }, 'monitoring.extraAlertRules[0].expr', 'does not parse as PromQL'],
  [{ expr: 'rate(emqx_messages_received[5x])' }, 'monitoring.extraAlertRules[0].expr', 'does not parse as PromQL'],
  [{ expr: '' }, 'monitoring.extraAlertRules[0].expr', 'is not a PromQL expression'],
  [{ alert: 'plant silent' }, 'monitoring.extraAlertRules[0].alert', 'is not an alert name'],
  [{ alert: 'EmqxNodeDown' }, 'monitoring.extraAlertRules', 'is the name of a generated alert'],
  [{ for: '5 minutes' }, 'monitoring.extraAlertRules[0].for', 'is not a Prometheus duration'],
  [{ severity: 'page' }, 'monitoring.extraAlertRules[0].severity', 'is not a severity'],
  [{ summary: '' }, 'monitoring.extraAlertRules[0].summary', 'is required'],
  [{ labels: { 'team-name': 'x' } }, 'monitoring.extraAlertRules[0].labels.team-name', 'is not a Prometheus label name'],
  [{ runbook: 'x' }, 'monitoring.extraAlertRules[0].runbook', 'is not a known setting'],
])('%j is refused: %s %s', (change, field, message) => {
  expect(specErrorOf(() => rule(base({ extraAlertRules: [{ ...silent, ...change } as UserAlertRule] })))).toMatchObject({ field: field, message: expect.stringContaining(message) });
});

test('two rules of one name are refused', () => {
  expect(() => rule(base({ extraAlertRules: [silent, silent] }))).toThrow(expect.objectContaining({ field: 'monitoring.extraAlertRules[1].alert' }));
});
