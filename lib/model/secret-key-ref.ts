/**
 * A key of a Kubernetes Secret. The library only ever references Secrets by name and key:
 * no secret value passes through the spec, the manifests or `dist/`.
 */
export interface SecretKeyRef {
  /** The Secret's `metadata.name`, in the cluster's namespace. */
  readonly secretName: string;
  /** The key inside the Secret. */
  readonly key: string;
}
