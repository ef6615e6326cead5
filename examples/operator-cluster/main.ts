// The default example (examples/enterprise-cluster) run by the EMQX Operator instead of the library's
// own StatefulSet and Deployment: the same spec, with `backend: WorkloadBackend.emqxOperator()`, twice:
// - EMQX 6.3.1 under EMQX Operator 2.3, as one `apps.emqx.io/v2` EMQX resource (namespace iot-operator);
// - EMQX 5.8.12 (the 5.8 LTS) under EMQX Operator 2.2, as one `apps.emqx.io/v2beta1` EMQX resource
//   (namespace iot-operator-22).
// The API version follows the release (v2 from 5.9). Around the resource the library renders everything the
// operator does not make: cert-manager Certificates, the listener Services (two NLBs and a ClusterIP Service: more
// than the operator's one listener Service can carry), NetworkPolicies (letting the operator's controller reach the
// REST API), ServiceMonitor, alerts, dashboard and the backup CronJob.
import { App, Chart } from 'cdk8s';
import { EmqxCluster, EmqxClusterSpec, EmqxVersion, WorkloadBackend, writeReports } from 'emqx-constructs';
import { defaultClusterSpec } from '../enterprise-cluster/main';

const blueGreenAcknowledged = [
  ...(defaultClusterSpec.acknowledgements ?? []),
  {
    id: 'EMQX-OperatorBlueGreenUpdates',
    reason: 'the platform team runs the EMQX Operator fleet-wide; template changes go through the maintenance window with a fresh data export',
  },
];

/** The default example's cluster (EMQX 6.3.1), run by EMQX Operator 2.3 through `apps.emqx.io/v2`. */
export const operatorClusterSpec: EmqxClusterSpec = {
  ...defaultClusterSpec,
  backend: WorkloadBackend.emqxOperator({ revisionHistoryLimit: 2 }),
  acknowledgements: blueGreenAcknowledged,
};

/** The same cluster on the 5.8 LTS, run by EMQX Operator 2.2 through `apps.emqx.io/v2beta1`. */
export const operator22ClusterSpec: EmqxClusterSpec = {
  ...operatorClusterSpec,
  version: EmqxVersion.of('5.8.12'),
  // the node-level authentication cache exists from 5.9
  authenticationCache: undefined,
  // 5.8 substitutes any id into ACL templates: that 6.3 finding does not arise
  acknowledgements: blueGreenAcknowledged.filter((a) => a.id !== 'EMQX-AclTemplateIdentitySlash'),
};

export function build(app: App): Chart {
  const chart = new Chart(app, 'operator-cluster', { namespace: 'iot-operator', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', operatorClusterSpec);
  const lts = new Chart(app, 'operator-cluster-2-2', { namespace: 'iot-operator-22', disableResourceNameHashes: true });
  new EmqxCluster(lts, 'Emqx', operator22ClusterSpec);
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  // the findings report (and a federation's diagram) go beside the manifests folder, never into it
  writeReports(app, 'reports');
}
