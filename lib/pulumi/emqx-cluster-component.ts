import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Chart } from 'cdk8s';
import { Finding } from '../checks/emqx-check';
import { EmqxCluster } from '../cdk8s/emqx-cluster';
import { EmqxClusterSpec } from '../spec/emqx-cluster-spec';
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
}

/**
 * One EMQX cluster deployed with Pulumi (`emqx:k8s:Cluster`). It builds the same cdk8s construct in
 * memory and hands its objects, unchanged, to an {@link EmqxSiteComponent} (namespace, secrets,
 * ConfigGroup): Pulumi and `cdk8s synth` deploy the same objects for the same spec. The named checks run
 * first: unacknowledged errors fail the program, warnings are logged on the site.
 */
export class EmqxClusterComponent extends pulumi.ComponentResource {
  /** The Kubernetes objects, as `cdk8s synth` writes them. */
  public readonly objects: Record<string, any>[];
  /** The check findings for this cluster. */
  public readonly findings: Finding[];
  /** The site (namespace, Secrets, ConfigGroup). */
  public readonly site: EmqxSiteComponent;
  /** The ConfigGroup holding the objects. */
  public readonly manifests: k8s.yaml.v2.ConfigGroup;

  constructor(name: string, args: EmqxClusterComponentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:k8s:Cluster', name, {}, opts);
    const namespace = args.namespace ?? args.cluster.namespace ?? 'default';
    const [rendered] = renderInMemory((app) => {
      new EmqxCluster(new Chart(app, name, { namespace, disableResourceNameHashes: true }), 'Emqx', args.cluster);
    }).map((r) => r);
    this.objects = rendered.objects;
    this.findings = rendered.findings;
    this.site = new EmqxSiteComponent(name, { namespace, createNamespace: args.createNamespace, objects: this.objects, findings: this.findings, secrets: args.secrets, kubernetesProvider: args.kubernetesProvider }, { parent: this });
    this.manifests = this.site.manifests;
    this.registerOutputs({ objectCount: this.objects.length });
  }
}
