import { EmqxSpecError } from '../validation/emqx-spec-error';
import { Peer } from '../network/network-peer';
import { wholeNumber } from '../validation/spec-numbers';
import { EmqxVersion } from '../versions/emqx-version';

/**
 * The EMQX Operator API versions the library renders: `apps.emqx.io/v2` (EMQX Operator 2.3, for EMQX 5.9 and
 * newer) and `apps.emqx.io/v2beta1` (EMQX Operator 2.2, for 5.1–5.8; deprecated in 2.3).
 */
export type EmqxOperatorApiVersion = 'apps.emqx.io/v2' | 'apps.emqx.io/v2beta1';

/** How the EMQX Operator applies a changed `config.data` through `PUT /api/v5/configs?mode=…`. */
export type EmqxOperatorConfigMode = 'Merge' | 'Replace';

/** Node evacuation during the operator's blue-green update (`updateStrategy.evacuationStrategy`). */
export interface EmqxOperatorEvacuationSpec {
  /** Seconds to wait for sessions to be taken over before the next step (`waitTakeover`). @default 10 */
  readonly waitTakeoverSeconds?: number;
  /** Connections evicted per second from an old node (`connEvictRate`, at least 1). @default 1000 */
  readonly connectionEvictionRate?: number;
  /** Sessions evicted per second from an old node (`sessEvictRate`, at least 1). @default 1000 */
  readonly sessionEvictionRate?: number;
}

/** Options of {@link WorkloadBackend.emqxOperator}. */
export interface EmqxOperatorOptions {
  /**
   * The `EMQX` API version: `apps.emqx.io/v2` for EMQX Operator 2.3 (EMQX 5.9 and newer only), or
   * `apps.emqx.io/v2beta1` for Operator 2.2 (which runs 5.9+ only with limited support: the warning
   * `EMQX-OperatorApiBehindRelease`).
   * @default - 'apps.emqx.io/v2' from EMQX 5.9, 'apps.emqx.io/v2beta1' before
   */
  readonly apiVersion?: EmqxOperatorApiVersion;
  /** How later config changes are pushed (`config.mode`). @default 'Merge' */
  readonly configMode?: EmqxOperatorConfigMode;
  /**
   * Old StatefulSets/ReplicaSets the operator keeps after a blue-green update, **with their PVCs**
   * (`revisionHistoryLimit`); older ones are deleted with their PVCs once scaled to 0.
   * @default 3
   */
  readonly revisionHistoryLimit?: number;
  /** Seconds the operator waits after the new nodes are ready before evacuating old ones (`initialDelaySeconds`). @default 10 */
  readonly initialDelaySeconds?: number;
  /** Node evacuation settings. @default - the operator's (10 s takeover, 1000/s connections and sessions) */
  readonly evacuation?: EmqxOperatorEvacuationSpec;
  /**
   * Where the operator's controller runs. It calls every node's REST API on the dashboard port (cluster
   * membership for the `apps.emqx.io/on-serving` readiness gate, config pushes, evacuation), so the
   * NetworkPolicies let it in; without that the pods never become ready.
   * @default - pods labelled `control-plane: controller-manager` in namespace `emqx-operator-system` (the operator's Helm install)
   */
  readonly controllerPeer?: Peer;
}

/** {@link EmqxOperatorOptions} with every default applied. */
export interface ResolvedEmqxOperator {
  /** The operator API rendered. */
  readonly apiVersion: EmqxOperatorApiVersion;
  /** How the operator pushes configuration changes. */
  readonly configMode: EmqxOperatorConfigMode;
  /** Old revisions the operator keeps. */
  readonly revisionHistoryLimit: number;
  /** Delay before old nodes are evacuated. */
  readonly initialDelaySeconds: number;
  /** Evacuation settings of blue-green updates. */
  readonly evacuation: Required<EmqxOperatorEvacuationSpec>;
  /** Where the operator's controller runs (admitted to the REST API). */
  readonly controllerPeer: Peer;
}

/**
 * What runs the EMQX nodes.
 *
 * - `native()` (the default): the library renders the core StatefulSet, the replicant Deployment,
 *   their PDBs and the headless and dashboard Services itself.
 * - `emqxOperator()`: the library renders one `apps.emqx.io` `EMQX` custom resource instead, and the
 *   EMQX Operator creates those objects (see docs/OPERATOR.md for what differs and its hazards).
 *   Everything around the workload (config, TLS, NetworkPolicies, monitoring, checks) is the same.
 */
export class WorkloadBackend {
  /** The library's own StatefulSet and Deployment. */
  public static native(): WorkloadBackend {
    return new WorkloadBackend('native');
  }

  /** An `EMQX` custom resource for the EMQX Operator. */
  public static emqxOperator(options: EmqxOperatorOptions = {}): WorkloadBackend {
    return new WorkloadBackend('emqx-operator', options);
  }

  private constructor(
    /** Which backend. */
    public readonly kind: 'native' | 'emqx-operator',
    /** The operator options, for `emqx-operator`. */
    public readonly operatorOptions?: EmqxOperatorOptions,
  ) {}
}

/** Applies the defaults of the operator options and checks them (the CRD's own minimums). */
export function resolveEmqxOperator(o: EmqxOperatorOptions, version: EmqxVersion): ResolvedEmqxOperator {
  const f = 'backend.emqxOperator';
  const apiVersion = o.apiVersion ?? version.emqxOperatorApiVersion;
  if (apiVersion !== 'apps.emqx.io/v2beta1' && apiVersion !== 'apps.emqx.io/v2') {
    throw new EmqxSpecError(`${f}.apiVersion`, apiVersion, 'is not an EMQX Operator API version the library renders', "use 'apps.emqx.io/v2' (EMQX Operator 2.3, EMQX 5.9+) or 'apps.emqx.io/v2beta1' (Operator 2.2)");
  }
  if (apiVersion === 'apps.emqx.io/v2' && version.emqxOperatorApiVersion !== 'apps.emqx.io/v2') {
    throw new EmqxSpecError(`${f}.apiVersion`, apiVersion, `is EMQX Operator 2.3's API, which is documented for EMQX 5.9 and newer, not ${version} (emqx-facts §10.16)`, "use 'apps.emqx.io/v2beta1' with EMQX Operator 2.2, or EMQX 5.9 or newer");
  }
  const configMode = o.configMode ?? 'Merge';
  if (configMode !== 'Merge' && configMode !== 'Replace') throw new EmqxSpecError(`${f}.configMode`, configMode, 'is not a config mode', "use 'Merge' or 'Replace'");
  const e = o.evacuation ?? {};
  if (o.controllerPeer !== undefined && !(o.controllerPeer instanceof Peer)) throw new EmqxSpecError(`${f}.controllerPeer`, o.controllerPeer, 'is not a Peer', "use e.g. Peer.namespace('emqx-operator-system')");
  return {
    apiVersion,
    configMode,
    revisionHistoryLimit: wholeNumber(`${f}.revisionHistoryLimit`, o.revisionHistoryLimit ?? 3, 0, 'keep a few old revisions, e.g. 3 (each keeps its PVCs)'),
    initialDelaySeconds: wholeNumber(`${f}.initialDelaySeconds`, o.initialDelaySeconds ?? 10, 0, 'e.g. 10'),
    evacuation: {
      waitTakeoverSeconds: wholeNumber(`${f}.evacuation.waitTakeoverSeconds`, e.waitTakeoverSeconds ?? 10, 0, 'e.g. 10'),
      connectionEvictionRate: wholeNumber(`${f}.evacuation.connectionEvictionRate`, e.connectionEvictionRate ?? 1000, 1, 'e.g. 1000 connections per second'),
      sessionEvictionRate: wholeNumber(`${f}.evacuation.sessionEvictionRate`, e.sessionEvictionRate ?? 1000, 1, 'e.g. 1000 sessions per second'),
    },
    controllerPeer: o.controllerPeer ?? Peer.pods({ 'control-plane': 'controller-manager' }, { namespace: 'emqx-operator-system' }),
  };
}
