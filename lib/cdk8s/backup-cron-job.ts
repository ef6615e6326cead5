import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { CronJob } from 'kubernetes-types/batch/v1';
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import { BACKUP_POD_NAME_LABEL, BACKUP_SCRIPT } from '../model/backup-spec';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';

/**
 * The daily data export: a CronJob (`<name>-backup`, one run at a time, never concurrent) that asks EMQX's
 * REST API for an export through the dashboard Service and uploads the archive to S3, with its own
 * ServiceAccount (annotated with the IRSA role when given). Restore: docs/BACKUP.md.
 */
export class BackupCronJob extends Construct {
  /** The job's own ServiceAccount (its IRSA role annotation, when given). */
  public readonly serviceAccount: ApiObject;
  /** The CronJob (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const b = cluster.backup!;
    const metadata = new ClusterLabels(cluster).metadata('backup');
    const podLabels = { 'app.kubernetes.io/name': BACKUP_POD_NAME_LABEL, 'app.kubernetes.io/instance': cluster.name, 'app.kubernetes.io/component': 'backup' };
    this.serviceAccount = kubeObject<ServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: cluster.names.backupJob, namespace: cluster.namespace, labels: metadata, annotations: b.roleArn ? { 'eks.amazonaws.com/role-arn': b.roleArn } : undefined },
      automountServiceAccountToken: true,
    });
    const secret = (key: string) => ({ secretKeyRef: { name: b.apiKey.secretName, key } });
    this.resource = kubeObject<CronJob>(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: cluster.names.backupJob, namespace: cluster.namespace, labels: metadata },
      spec: {
        schedule: b.schedule,
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 1800,
            template: {
              metadata: { labels: podLabels },
              spec: {
                serviceAccountName: cluster.names.backupJob,
                restartPolicy: 'Never',
                securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
                containers: [{
                  name: 'backup',
                  image: b.image,
                  command: ['/bin/sh', '-c', BACKUP_SCRIPT],
                  env: [
                    { name: 'EMQX_URL', value: `http://${cluster.names.dashboardService}.${cluster.namespace}.svc.${cluster.clusterDomain}:${cluster.ports.dashboard}` },
                    { name: 'API_KEY', valueFrom: secret(b.apiKey.keyKey) },
                    { name: 'API_SECRET', valueFrom: secret(b.apiKey.secretKey) },
                    { name: 'BUCKET', value: b.bucket },
                    { name: 'PREFIX', value: b.prefix },
                    { name: 'AWS_REGION', value: b.region },
                    { name: 'HOME', value: '/tmp' },
                  ],
                  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
                  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
                  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                }],
                volumes: [{ name: 'tmp', emptyDir: {} }],
              },
            },
          },
        },
      },
    });
  }
}
