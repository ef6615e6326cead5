// The default example (examples/enterprise-cluster) run by the EMQX Operator instead of the library's
// own StatefulSet and Deployment: the same spec, with `backend: WorkloadBackend.emqxOperator()`, in
// namespace iot-operator (so both examples can be validated as one set of manifests).
// The library renders one `apps.emqx.io/v2beta1` EMQX resource (config, pod templates, dashboard
// Service template, bootstrap API keys) and, around it, everything the operator does not make:
// cert-manager Certificates, the listener Services (two NLBs and a ClusterIP Service: more than the
// operator's one listener Service can carry), NetworkPolicies (letting the operator's controller reach
// the REST API), ServiceMonitor, alerts, dashboard and the backup CronJob. Needs EMQX Operator 2.2.x.
import { App, Chart } from 'cdk8s';
import { EmqxCluster, EmqxClusterSpec, EmqxVersion, WorkloadBackend, writeReports } from 'emqx-constructs';
import { defaultClusterSpec } from '../enterprise-cluster/main';

/**
 * The default example's cluster, run by the EMQX Operator, on EMQX 6.0.1: the release this v2beta1 rendering was
 * checked with (Operator 2.3's apps.emqx.io/v2, for 5.9+ and 6.3, is not rendered yet).
 */
export const operatorClusterSpec: EmqxClusterSpec = {
  ...defaultClusterSpec,
  version: EmqxVersion.of('6.0.1'),
  backend: WorkloadBackend.emqxOperator({ revisionHistoryLimit: 2 }),
  acknowledgements: [
    ...(defaultClusterSpec.acknowledgements ?? []),
    {
      id: 'EMQX-OperatorBlueGreenUpdates',
      reason: 'the platform team runs the EMQX Operator fleet-wide; template changes go through the maintenance window with a fresh data export',
    },
  ],
};

export function build(app: App): Chart {
  const chart = new Chart(app, 'operator-cluster', { namespace: 'iot-operator', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', operatorClusterSpec);
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  // the findings report (and a federation's diagram) go beside the manifests folder, never into it
  writeReports(app, 'reports');
}
