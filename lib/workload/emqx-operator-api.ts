// The fields of the EMQX Operator's `EMQX` resource the library writes, typed from the operator's Go API types. Both
// API versions it renders have these fields with the same JSON names and meaning:
//   - `apps.emqx.io/v2beta1` (EMQX Operator 2.2): api/v2beta1/emqx_types_spec.go in emqx/emqx-operator (tags
//     2.2.x, branch main-2.3), and the CRD in shared/crds/emqx-operator (which kube-strict checks);
//   - `apps.emqx.io/v2` (EMQX Operator 2.3): api/v2/emqx_types_spec.go (emqx/emqx-operator commit 06c21a4d6bbd; no
//     CRD YAML of v2 is published at hand: emqx-facts §10.16 71). Its differences from v2beta1 are in fields the
//     library does not write (defaults of replicas and probes, `toleRations` gone) and in the status (§10.16 68–69).
// The Kubernetes types inside (containers, probes, volumes…) are the core/v1 ones, as the pod parts render them.

/** `BootstrapAPIKey`: an API key the operator creates at boot; only Secret references are written, never literals. */
export interface OperatorBootstrapApiKey {
  /** `secretRef`: the key and the secret, each a Secret entry (`KeyRef {secretName, secretKey}`). */
  readonly secretRef: {
    readonly key: { readonly secretName: string; readonly secretKey: string };
    readonly secret: { readonly secretName: string; readonly secretKey: string };
  };
}

/** `EMQXReplicantTemplateSpec` (and `EMQXCoreTemplateSpec`, which inlines it and adds `volumeClaimTemplates`). */
export interface OperatorTemplateSpec {
  readonly replicas: number;
  readonly maxUnavailable?: number | string;
  readonly resources?: { readonly requests?: Record<string, string>; readonly limits?: Record<string, string> };
  readonly podSecurityContext?: unknown;
  readonly containerSecurityContext?: unknown;
  readonly topologySpreadConstraints?: unknown[];
  readonly ports?: unknown[];
  readonly env?: unknown[];
  readonly envFrom?: unknown[];
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: unknown[];
  readonly affinity?: unknown;
  readonly initContainers?: unknown[];
  readonly extraContainers?: unknown[];
  readonly extraVolumes?: unknown[];
  readonly extraVolumeMounts?: unknown[];
  readonly startupProbe?: unknown;
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
  /** Cores only: one PVC spec (the field is named as a list but is one `PersistentVolumeClaimSpec`). */
  readonly volumeClaimTemplates?: {
    readonly accessModes: string[];
    readonly storageClassName?: string;
    readonly resources: { readonly requests: { readonly storage: string } };
  };
}

/** `EMQXCoreTemplate` / `EMQXReplicantTemplate`: object metadata for the pods, and their spec. */
export interface OperatorNodeTemplate {
  readonly metadata: { readonly labels: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec: OperatorTemplateSpec;
}

/** `ServiceTemplate`: whether the operator creates the Service, its metadata and its spec. */
export interface OperatorServiceTemplate {
  readonly enabled: boolean;
  readonly metadata?: { readonly name: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: {
    readonly type: string;
    readonly loadBalancerClass?: string;
    readonly externalTrafficPolicy?: string;
    readonly loadBalancerSourceRanges?: string[];
    readonly ports: { readonly name: string; readonly port: number; readonly protocol: string; readonly targetPort: string }[];
  };
}

/** `EMQXSpec`: the fields the library writes. */
export interface OperatorEmqxSpec {
  readonly image: string;
  readonly imagePullPolicy?: string;
  readonly imagePullSecrets?: { readonly name: string }[];
  readonly clusterDomain: string;
  readonly serviceAccountName: string;
  readonly revisionHistoryLimit: number;
  /** `bootstrapAPIKeys` (cannot be updated after creation). */
  readonly bootstrapAPIKeys?: OperatorBootstrapApiKey[];
  /**
   * `config {mode: Merge | Replace, data}`. v2beta1 mounts `data` as the pods' emqx.conf; v2 documents it as
   * `base.hocon` (the lowest layer: below `data/configs/cluster.hocon`, emqx.conf and the environment).
   */
  readonly config: { readonly mode: 'Merge' | 'Replace'; readonly data: string };
  /** `updateStrategy`: `Recreate` (blue-green) only, in both versions. */
  readonly updateStrategy: {
    readonly type: 'Recreate';
    readonly initialDelaySeconds: number;
    readonly evacuationStrategy: { readonly waitTakeover: number; readonly connEvictRate: number; readonly sessEvictRate: number };
  };
  readonly coreTemplate: OperatorNodeTemplate;
  readonly replicantTemplate?: OperatorNodeTemplate;
  readonly dashboardServiceTemplate: OperatorServiceTemplate;
  readonly listenersServiceTemplate: OperatorServiceTemplate;
}
