import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Finding } from '../checks/emqx-check';
import { KubernetesSecrets, SecretValues } from './kubernetes-secrets';
import { logFindings } from './log-findings';
import { EmqxSpecError } from '../validation/emqx-spec-error';

/** Namespaces Kubernetes creates and manages itself: never created or deleted by a stack. */
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Arguments of {@link EmqxSiteComponent}. */
export interface EmqxSiteComponentArgs {
  /** The site's namespace: it must exist, unless {@link EmqxSiteComponentArgs.createNamespace} is set. */
  readonly namespace: string;
  /**
   * Create the namespace (the component then owns it: `pulumi destroy` deletes it with everything in it).
   * Kubernetes' own namespaces (`default`, `kube-system`, `kube-public`, `kube-node-lease`) are never created.
   * @default false - deploy into the existing namespace; it is neither created nor deleted
   */
  readonly createNamespace?: boolean;
  /** The Kubernetes objects, as `cdk8s synth` writes them (or an Output of them, when they depend on other resources). */
  readonly objects: pulumi.Input<Record<string, any>[]>;
  /** The check findings of the site's clusters (logged on the component). */
  readonly findings: Finding[];
  /** Secrets the objects reference, created before them. @default - none */
  readonly secrets?: SecretValues[];
  /** The target cluster's provider. @default - the stack's default provider */
  readonly kubernetesProvider?: k8s.Provider;
}

/**
 * One site (a cluster's chart) on Kubernetes (`emqx:k8s:Site`): its Namespace (only when asked to create it), the Secrets its
 * manifests reference, and the manifests themselves in a `kubernetes:yaml/v2:ConfigGroup`. The
 * ConfigGroup takes the cdk8s objects unchanged, so previews and diffs are per object (the v2
 * ConfigGroup registers one child resource per object) and `cdk8s synth` and `pulumi up` apply the same
 * manifests.
 */
export class EmqxSiteComponent extends pulumi.ComponentResource {
  /** The site's Namespace, when the component created it (`createNamespace`). */
  public readonly namespace?: k8s.core.v1.Namespace;
  /** The Secrets, when values were given. */
  public readonly secrets?: KubernetesSecrets;
  /** The ConfigGroup holding the objects. */
  public readonly manifests: k8s.yaml.v2.ConfigGroup;

  constructor(name: string, args: EmqxSiteComponentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:k8s:Site', name, {}, opts);
    const provider = args.kubernetesProvider;
    logFindings(args.findings, this);
    if (args.createNamespace) {
      if (SYSTEM_NAMESPACES.includes(args.namespace)) {
        throw new EmqxSpecError('createNamespace', args.namespace, 'is a namespace Kubernetes itself manages: creating it fails (AlreadyExists) and destroying the stack would delete it', 'leave createNamespace off to deploy into it as it is, or use a namespace of your own');
      }
      this.namespace = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name: args.namespace } }, { parent: this, provider });
    }
    const namespaced = this.namespace ? [this.namespace] : [];
    if (args.secrets?.length) {
      this.secrets = new KubernetesSecrets(`${name}-secrets`, { namespace: args.namespace, secrets: args.secrets, kubernetesProvider: provider }, { parent: this, dependsOn: namespaced });
    }
    this.manifests = new k8s.yaml.v2.ConfigGroup(`${name}-manifests`, { objs: args.objects }, {
      parent: this,
      provider,
      dependsOn: [...namespaced, ...(this.secrets ? [this.secrets] : [])],
    });
    this.registerOutputs({ namespace: args.namespace });
  }
}
