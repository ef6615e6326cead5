import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';

/** `error` fails synthesis unless acknowledged; `warning` is reported. */
export type CheckSeverity = 'error' | 'warning';

/** A synthesized Kubernetes object as plain JSON. */
export interface ManifestObject {
  /** The object's apiVersion. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's metadata. */
  readonly metadata: {
    /** Name. */
    readonly name: string;
    /** Namespace. @default - none */
    readonly namespace?: string;
    /** Labels. @default - none */
    readonly labels?: Record<string, string>;
    /** Annotations. @default - none */
    readonly annotations?: Record<string, string>;
  };
  /** The rest of the object (spec, data, ...). */
  readonly [key: string]: any;
}

/** What a check looks at: the resolved spec and, where the check needs them, the rendered objects. */
export interface CheckInput {
  /** The resolved spec. */
  readonly cluster: ResolvedEmqxCluster;
  /** The cluster's rendered objects (after every escape hatch a user applied). */
  readonly objects: readonly ManifestObject[];
}

/** What the catalogue says about a check. */
export interface CheckMetadata {
  /** Stable id, `EMQX-<PascalCase>`; acknowledgements refer to it. */
  readonly id: string;
  /** `error` fails synthesis unless acknowledged; `warning` is reported. */
  readonly severity: CheckSeverity;
  /** One line: what is wrong. */
  readonly summary: string;
  /** Why it bites in production, with the source where there is one. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A named foot-gun check. Pure: the same input always gives the same messages. */
export interface EmqxCheck extends CheckMetadata {
  /** One message per occurrence (naming the listener, object, value); empty when the check passes. */
  run(input: CheckInput): string[];
}

/** One occurrence of a check firing for a cluster. */
export interface Finding {
  /** The check's id. */
  readonly id: string;
  /** The check's severity. */
  readonly severity: CheckSeverity;
  /** `<namespace>/<cluster name>`. */
  readonly cluster: string;
  /** What is wrong, in one line. */
  readonly summary: string;
  /** This occurrence (the listener, object or value). */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The acknowledgement's reason, when the finding is acknowledged. @default - none */
  readonly acknowledged?: string;
}
