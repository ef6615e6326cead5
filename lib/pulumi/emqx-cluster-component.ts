import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart } from 'cdk8s';
import { Finding } from '../checks/emqx-check';
import { blockingFindings } from '../checks/run-checks';
import { FINDINGS_FILE_CONTEXT, FINDINGS_TABLE_CONTEXT } from '../cdk8s/checks-validation';
import { EmqxCluster } from '../cdk8s/emqx-cluster';
import { EmqxClusterSpec } from '../spec/emqx-cluster-spec';

/** Arguments of {@link EmqxClusterComponent}. */
export interface EmqxClusterComponentArgs {
  /** The cluster, exactly as for the cdk8s `EmqxCluster` construct. */
  readonly cluster: EmqxClusterSpec;
  /** The namespace (the chart's namespace in cdk8s terms). @default - `cluster.namespace`, else 'default' */
  readonly namespace?: string;
  /** The Kubernetes provider of the target cluster (one per region). @default - the stack's default provider */
  readonly kubernetesProvider?: k8s.Provider;
}

/** Logs findings on the component: warnings and acknowledged findings never stop `pulumi up`. */
function logFindings(findings: Finding[], resource: pulumi.Resource): void {
  for (const f of findings) {
    const text = `${f.id} (${f.cluster}): ${f.message}`;
    if (f.acknowledged !== undefined) pulumi.log.info(`${text} — acknowledged: ${f.acknowledged}`, resource);
    else if (f.severity === 'warning') pulumi.log.warn(`${text}. ${f.summary} Fix: ${f.fix}`, resource);
  }
}

/**
 * One EMQX cluster deployed with Pulumi (`emqx:k8s:Cluster`). It builds the same cdk8s construct
 * in memory and hands its objects, unchanged, to a `kubernetes:yaml/v2:ConfigGroup` child: Pulumi
 * and `cdk8s synth` deploy the same objects for the same spec. The named checks run first:
 * unacknowledged errors fail the program, warnings are logged on this component.
 */
export class EmqxClusterComponent extends pulumi.ComponentResource {
  /** The Kubernetes objects, as `cdk8s synth` writes them. */
  public readonly objects: Record<string, any>[];
  /** The check findings for this cluster. */
  public readonly findings: Finding[];
  /** The ConfigGroup holding the objects. */
  public readonly manifests: k8s.yaml.v2.ConfigGroup;

  constructor(name: string, args: EmqxClusterComponentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:k8s:Cluster', name, {}, opts);
    const app = new App({ outdir: '.' });
    // Pulumi reports findings through its own log; nothing is written to disk
    app.node.setContext(FINDINGS_FILE_CONTEXT, false);
    app.node.setContext(FINDINGS_TABLE_CONTEXT, false);
    const chart = new Chart(app, name, { namespace: args.namespace ?? args.cluster.namespace ?? 'default', disableResourceNameHashes: true });
    const cluster = new EmqxCluster(chart, 'Emqx', args.cluster);
    this.findings = cluster.checks.results();
    logFindings(this.findings, this);
    const blocking = blockingFindings(this.findings);
    if (blocking.length) {
      throw new Error(`EMQX cluster ${name}: ${blocking.map((f) => `${f.id}: ${f.message}. Fix: ${f.fix}`).join('; ')}`);
    }
    this.objects = chart.toJson();
    this.manifests = new k8s.yaml.v2.ConfigGroup(`${name}-manifests`, { objs: this.objects }, { parent: this, provider: args.kubernetesProvider });
    this.registerOutputs({ objectCount: this.objects.length });
  }
}
