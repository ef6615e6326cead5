import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Chart } from 'cdk8s';
import { Finding } from '../checks/emqx-check';
import { EmqxCluster } from '../cdk8s/emqx-cluster';
import { EmqxClusterSpec, ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { refuseTransforms } from './transforms-policy';
import { EmqxSiteComponent } from './emqx-site-component';
import { SecretValues } from './kubernetes-secrets';
import { renderInMemory } from './render-in-memory';

/** Arguments of {@link EmqxClusterComponent}. */
export interface EmqxClusterComponentArgs {
  /** The cluster, exactly as for the cdk8s `EmqxCluster` construct. */
  readonly cluster: EmqxClusterSpec;
  /** The namespace (the chart's namespace in cdk8s terms). @default - `cluster.namespace`, else 'default' */
  readonly namespace?: string;
  /** Create the namespace (see {@link EmqxSiteComponentArgs.createNamespace}). @default false - deploy into the existing namespace */
  readonly createNamespace?: boolean;
  /** Secrets the manifests reference, from Pulumi secret config. @default - none (created elsewhere) */
  readonly secrets?: SecretValues[];
  /** The Kubernetes provider of the target cluster (one per region). @default - the stack's default provider */
  readonly kubernetesProvider?: k8s.Provider;
  /**
   * The backup job's IAM role, known only at deploy time (e.g. `BackupBucket.roleArns`): applied to `cluster.backup.roleArn`
   * before the objects are rendered for the ConfigGroup (`objects` keeps the spec's own value).
   * @default - `cluster.backup.roleArn`
   */
  readonly backupRoleArn?: pulumi.Input<string>;
  /**
   * Changes to the rendered objects (escape hatches: `cluster.cores!.resource.addJsonPatch(...)`), made on the construct
   * before the checks run, so the checks see them. Pulumi `transforms` are refused on this component.
   * @default - none
   */
  readonly customize?: (cluster: EmqxCluster) => void;
}

/**
 * One EMQX cluster deployed with Pulumi (`emqx:k8s:Cluster`). It builds the same cdk8s construct in
 * memory and hands its objects, unchanged, to an {@link EmqxSiteComponent} (namespace, secrets,
 * ConfigGroup): Pulumi and `cdk8s synth` deploy the same objects for the same spec. The named checks run
 * first: unacknowledged errors fail the program, warnings are logged on the site.
 */
export class EmqxClusterComponent extends pulumi.ComponentResource {
  /** The Kubernetes objects, as `cdk8s synth` writes them for the spec (the deployed ones carry `backupRoleArn` when given). */
  public readonly objects: Record<string, any>[];
  /** The check findings for this cluster. */
  public readonly findings: Finding[];
  /** The resolved cluster (names, Secret references, listeners). */
  public readonly spec: ResolvedEmqxCluster;
  /** The site (namespace, Secrets, ConfigGroup). */
  public readonly site: EmqxSiteComponent;
  /** The ConfigGroup holding the objects. */
  public readonly manifests: k8s.yaml.v2.ConfigGroup;

  constructor(name: string, args: EmqxClusterComponentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:k8s:Cluster', name, {}, refuseTransforms('EmqxClusterComponent', opts));
    const namespace = args.namespace ?? args.cluster.namespace ?? 'default';
    const render = (spec: EmqxClusterSpec) => renderInMemory((app) => {
      const cluster = new EmqxCluster(new Chart(app, name, { namespace, disableResourceNameHashes: true }), 'Emqx', spec);
      args.customize?.(cluster);
    })[0];
    const rendered = render(args.cluster);
    this.objects = rendered.objects;
    this.findings = rendered.findings;
    this.spec = rendered.clusters[0].spec;
    const backup = args.cluster.backup;
    if (args.backupRoleArn !== undefined && !backup) {
      throw new EmqxSpecError('backupRoleArn', '(an Output)', 'is given for a cluster without backup', 'set cluster.backup, or leave backupRoleArn out');
    }
    const objects = args.backupRoleArn !== undefined && backup
      ? pulumi.output(args.backupRoleArn).apply((roleArn) => render({ ...args.cluster, backup: { ...backup, roleArn } }).objects)
      : this.objects;
    this.site = new EmqxSiteComponent(name, { namespace, createNamespace: args.createNamespace, objects, findings: this.findings, secrets: args.secrets, kubernetesProvider: args.kubernetesProvider }, { parent: this });
    this.manifests = this.site.manifests;
    this.registerOutputs({ objectCount: this.objects.length });
  }
}
