import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterLabels } from '../model/cluster-labels';
import { buildAlertRules } from '../monitoring/emqx-alerts';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { promDuration } from '../monitoring/promql';
import { kubeObject } from './kube-object';
import type { PrometheusRule } from './prometheus-operator-api';

/**
 * The `PrometheusRule` `<name>-alerts`: the alerts generated from the cluster's spec (docs/ALERTS.md), and the user's
 * own rules (`monitoring.extraAlertRules`) in a group of their own, with the same cluster labels.
 */
export class AlertRules extends Construct {
  /** The PrometheusRule (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    const target = cluster.monitoring!.targetLabels;
    const generated = buildAlertRules(cluster);
    const clash = cluster.monitoring!.extraAlertRules.find((r) => generated.some((g) => g.alert === r.alert));
    if (clash) {
      throw new EmqxSpecError('monitoring.extraAlertRules', clash.alert, 'is the name of a generated alert (docs/ALERTS.md)', 'give your rule another name, or tune the generated one through monitoring.alerts');
    }
    const extra = cluster.monitoring!.extraAlertRules.map((r) => ({
      alert: r.alert,
      expr: r.expr,
      for: r.for ?? '5m',
      labels: { severity: r.severity ?? 'warning', emqx_cluster: cluster.name, namespace: cluster.namespace, ...target, ...r.labels },
      annotations: { summary: r.summary, description: r.description ?? r.summary, ...r.annotations },
    }));
    this.resource = kubeObject<PrometheusRule>(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: cluster.names.alertRules, namespace: cluster.namespace, labels: { ...labels.metadata('alerts'), ...cluster.monitoring!.selectorLabels } },
      spec: {
        groups: [...(generated.length ? [{
          name: `emqx.${cluster.namespace}.${cluster.name}`,
          rules: generated.map((r) => ({
            alert: r.alert,
            expr: r.expr.toString(),
            for: promDuration(r.forSeconds),
            labels: { severity: r.severity, emqx_cluster: cluster.name, namespace: cluster.namespace, ...target },
            annotations: { summary: r.summary, description: r.description, runbook: `docs/ALERTS.md#${r.alert.toLowerCase()}` },
          })),
        }] : []), ...(extra.length ? [{ name: `emqx.${cluster.namespace}.${cluster.name}.user`, rules: extra }] : [])],
      },
    });
  }
}
