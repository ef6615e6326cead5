import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

/** One Secret to create: its name and its keys' values (Pulumi secrets). */
export interface SecretValues {
  /** The Secret's name. */
  readonly name: string;
  /** Its keys' values (wrapped as Pulumi secrets). */
  readonly data: Record<string, pulumi.Input<string>>;
}

/** Arguments of {@link KubernetesSecrets}. */
export interface KubernetesSecretsArgs {
  /** The namespace. */
  readonly namespace: pulumi.Input<string>;
  /** The Secrets. */
  readonly secrets: SecretValues[];
  /** The target cluster's provider. @default - the stack's default provider */
  readonly kubernetesProvider?: k8s.Provider;
}

/**
 * The Kubernetes Secrets the manifests reference by name (cookie, dashboard password, license, bridge
 * credentials, ...), from Pulumi secret config (`emqx:k8s:Secrets`). Every value is wrapped with
 * `pulumi.secret`, so it is encrypted in the state and never shown in plain outputs.
 */
export class KubernetesSecrets extends pulumi.ComponentResource {
  /** The Secret resources. */
  public readonly secrets: k8s.core.v1.Secret[];

  constructor(name: string, args: KubernetesSecretsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:k8s:Secrets', name, {}, opts);
    this.secrets = args.secrets.map((s) => new k8s.core.v1.Secret(`${name}-${s.name}`, {
      metadata: { name: s.name, namespace: args.namespace, labels: { 'app.kubernetes.io/managed-by': 'emqx-constructs' } },
      type: 'Opaque',
      stringData: Object.fromEntries(Object.entries(s.data).map(([k, v]) => [k, pulumi.secret(v)])),
    }, { parent: this, provider: args.kubernetesProvider }));
    this.registerOutputs({ names: args.secrets.map((s) => s.name) });
  }
}
