import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { renderAlertsCatalogue } from '../../lib/monitoring/alerts-catalogue';
import { emqxContainer, findObject, K8sObject, objectsOfKind, synth, testChart } from '../support/manifests';
import { parseHocon } from '../support/hocon';
import { promqlErrors } from '../support/promql-parser';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

function render(spec: Partial<EmqxClusterSpec>): K8sObject[] {
  const chart = testChart('iot');
  new EmqxCluster(chart, 'Emqx', { name: 'plant', version: '5.8.9', cores: 3, networkPolicies: TEST_NETWORK_POLICIES, ...spec } as EmqxClusterSpec);
  return synth(chart);
}

describe('ServiceMonitor (default)', () => {
  const objs = render({ monitoring: { targetLabels: { plant: 'east', region: 'eu-west-1' }, selectorLabels: { release: 'kube-prometheus-stack' } } });
  const sm = findObject(objs, 'ServiceMonitor', 'plant');
  const svc = findObject(objs, 'Service', 'plant-metrics');

  test('a headless metrics Service over every node, including not-ready ones', () => {
    expect(svc.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true, selector: { 'app.kubernetes.io/name': 'emqx', 'app.kubernetes.io/instance': 'plant' } });
    expect(svc.spec.selector['app.kubernetes.io/component']).toBeUndefined();
    expect(svc.spec.ports).toEqual([{ name: 'dashboard', port: 18083, targetPort: 'dashboard', protocol: 'TCP' }]);
  });

  test('selects exactly that Service (stable labels) in its namespace; carries the Prometheus selector labels', () => {
    expect(sm.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
    for (const [k, v] of Object.entries(sm.spec.selector.matchLabels)) expect(svc.metadata.labels![k]).toBe(v);
    expect(sm.spec.selector.matchLabels['app.kubernetes.io/version']).toBeUndefined();
    expect(sm.spec.namespaceSelector).toEqual({ matchNames: ['iot'] });
  });

  test('scrapes stats and (5.5+) data_integration on the dashboard port, with cluster, role and target labels', () => {
    expect(sm.spec.endpoints.map((e: any) => e.path)).toEqual(['/api/v5/prometheus/stats', '/api/v5/prometheus/data_integration']);
    const e = sm.spec.endpoints[0];
    expect(e).toMatchObject({ port: 'dashboard', interval: '30s', scrapeTimeout: '10s' });
    expect(e.basicAuth).toBeUndefined();
    expect(e.relabelings).toEqual([
      { targetLabel: 'emqx_cluster', replacement: 'plant' },
      { sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_component'], targetLabel: 'emqx_role' },
      { targetLabel: 'plant', replacement: 'east' },
      { targetLabel: 'region', replacement: 'eu-west-1' },
    ]);
  });

  test('a PrometheusRule whose every expression parses, selecting this cluster', () => {
    const rule = findObject(objs, 'PrometheusRule', 'plant-alerts');
    expect(rule.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
    const rules = rule.spec.groups[0].rules;
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      expect(promqlErrors(r.expr)).toEqual([]);
      expect(r.labels).toMatchObject({ severity: expect.stringMatching(/critical|warning/), emqx_cluster: 'plant', plant: 'east' });
      expect(r.annotations.runbook).toBe(`docs/ALERTS.md#${r.alert.toLowerCase()}`);
    }
    expect(rules.find((r: any) => r.alert === 'EmqxClusterBelowExpectedSize').expr).toBe('max(emqx_cluster_nodes_running{namespace="iot", emqx_cluster="plant"}) < 3');
  });

  test('a Grafana dashboard ConfigMap for the sidecar, querying the same series', () => {
    const cm = findObject(objs, 'ConfigMap', 'plant-grafana-dashboard');
    expect(cm.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    const dash = JSON.parse(cm.data['emqx-iot-plant.json']);
    expect(dash.uid).toBe('emqx-iot-plant');
    const exprs: string[] = dash.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));
    for (const e of exprs) expect(promqlErrors(e)).toEqual([]);
    expect(exprs.join('\n')).toMatch(/emqx_live_connections_count\{namespace="iot", emqx_cluster="plant"\}/);
    expect(dash.panels.map((p: any) => p.title)).toEqual(expect.arrayContaining(['Live connections per node', 'Messages per second', 'Actions and connectors connected (1) / not (0)']));
  });

  test('no metrics auth in emqx.conf by default', async () => {
    const conf = await parseHocon(findObject(objs, 'ConfigMap', 'plant-config').data['emqx-core.conf']);
    // written explicitly: the default moves to true in 6.3 (pinned-defaults.ts)
    expect(conf.prometheus).toEqual({ enable_basic_auth: false });
    expect(conf.api_key).toBeUndefined();
  });
});

describe('PodMonitor and API-key auth', () => {
  test('PodMonitor selects all pods of the cluster; no metrics Service', () => {
    const objs = render({ monitoring: { scrape: 'PodMonitor', grafanaDashboard: false, alerts: false } });
    const pm = findObject(objs, 'PodMonitor', 'plant');
    expect(pm.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'emqx', 'app.kubernetes.io/instance': 'plant' });
    expect(pm.spec.podMetricsEndpoints[0]).toMatchObject({ port: 'dashboard', path: '/api/v5/prometheus/stats' });
    expect(objectsOfKind(objs, 'Service').map((s) => s.metadata.name)).not.toContain('plant-metrics');
    expect(objectsOfKind(objs, 'PrometheusRule')).toEqual([]);
    expect(objs.filter((o) => o.metadata.name === 'plant-grafana-dashboard')).toEqual([]);
  });

  test('apiKey: basic auth from the Secret, enable_basic_auth and a bootstrapped key mounted from the same Secret', async () => {
    const objs = render({ version: '5.4.1', edition: undefined, monitoring: { apiKey: { secretName: 'plant-metrics' } } } as any);
    const e = findObject(objs, 'ServiceMonitor', 'plant').spec.endpoints[0];
    expect(e.basicAuth).toEqual({ username: { name: 'plant-metrics', key: 'api-key' }, password: { name: 'plant-metrics', key: 'api-secret' } });
    const conf = await parseHocon(findObject(objs, 'ConfigMap', 'plant-config').data['emqx-core.conf']);
    expect(conf.prometheus).toEqual({ enable_basic_auth: true });
    expect(conf.api_key).toEqual({ bootstrap_file: '/opt/emqx/etc/api-keys/bootstrap' });
    const sts = findObject(objs, 'StatefulSet', 'plant-core');
    expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'api-keys', secret: { secretName: 'plant-metrics', defaultMode: 0o440, items: [{ key: 'bootstrap', path: 'bootstrap' }] } });
    expect(emqxContainer(sts).volumeMounts).toContainEqual({ name: 'api-keys', mountPath: '/opt/emqx/etc/api-keys', readOnly: true });
    // 5.4 has no data_integration endpoint
    expect(findObject(objs, 'ServiceMonitor', 'plant').spec.endpoints).toHaveLength(1);
  });
});

describe('monitoring spec errors', () => {
  const resolve = (monitoring: any, version = '5.8.9') => () => resolveClusterSpec({ name: 'plant', version, monitoring, networkPolicies: TEST_NETWORK_POLICIES });
  test.each([
    ['an API key on 5.1 (no metrics auth there)', { apiKey: { secretName: 'm' } }, '5.1.6', /^monitoring.apiKey: EMQX 5.1.6 has no authentication/],
    ['data_integration before 5.5', { dataIntegration: true }, '5.4.1', /^monitoring.dataIntegration: .*added in 5.5.0/],
    ['a timeout longer than the interval', { interval: '15s', scrapeTimeout: '30s' }, '5.8.9', /^monitoring.scrapeTimeout: .*longer than the interval/],
    ['a bad duration', { interval: '30 seconds' }, '5.8.9', /^monitoring.interval: is not a Prometheus duration/],
    ['a reserved target label', { targetLabels: { pod: 'x' } }, '5.8.9', /^monitoring.targetLabels.pod: is set by the scrape itself/],
    ['a bad label name', { targetLabels: { 'plant-id': 'x' } }, '5.8.9', /^monitoring.targetLabels.plant-id: is not a Prometheus label name/],
    ['a ratio above 1', { alerts: { memoryRatio: 90 } }, '5.8.9', /^monitoring.alerts.memoryRatio: is a fraction/],
    ['a non-positive threshold', { alerts: { replicantLagTransactions: 0 } }, '5.8.9', /^monitoring.alerts.replicantLagTransactions: must be a positive number/],
    ['an unknown scrape kind', { scrape: 'Probe' }, '5.8.9', /^monitoring.scrape: /],
  ])('%s', (_name, monitoring, version, message) => {
    expect(resolve(monitoring, version)).toThrow(message);
  });
});

describe('docs/ALERTS.md', () => {
  test('is generated from the rules and runbooks (run `npm run docs:alerts` when this fails)', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ALERTS.md'), 'utf8')).toBe(renderAlertsCatalogue());
  });
});
