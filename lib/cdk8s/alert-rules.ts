import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../imports/monitoring.coreos.com';
import { ClusterLabels } from '../spec/cluster-labels';
import { buildAlertRules } from '../spec/emqx-alerts';
import { ResolvedEmqxCluster } from '../spec/emqx-cluster-spec';
import { promDuration } from '../spec/promql';

/** The `PrometheusRule` `<name>-alerts`: the alerts generated from the cluster's spec (docs/ALERTS.md). */
export class AlertRules extends Construct {
  /** The PrometheusRule (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    const target = cluster.monitoring!.targetLabels;
    this.resource = new PrometheusRule(this, 'Resource', {
      metadata: { name: cluster.names.alertRules, namespace: cluster.namespace, labels: { ...labels.metadata('alerts'), ...cluster.monitoring!.selectorLabels } },
      spec: {
        groups: [{
          name: `emqx.${cluster.namespace}.${cluster.name}`,
          rules: buildAlertRules(cluster).map((r) => ({
            alert: r.alert,
            expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr.toString()),
            for: promDuration(r.forSeconds),
            labels: { severity: r.severity, emqx_cluster: cluster.name, namespace: cluster.namespace, ...target },
            annotations: { summary: r.summary, description: r.description, runbook: `docs/ALERTS.md#${r.alert.toLowerCase()}` },
          })),
        }],
      },
    });
  }
}
