/** Options of {@link Discovery.kubernetes}. */
export interface KubernetesDiscoveryOptions {
  /**
   * The Kubernetes API server EMQX (ekka) asks for the headless Service's Endpoints.
   * @default 'https://kubernetes.default.svc:443'
   */
  readonly apiServer?: string;
}

/**
 * How the nodes of a cluster find each other (`cluster.discovery_strategy`).
 *
 * Every strategy uses the headless Service of the cores (with `publishNotReadyAddresses: true`),
 * so node names, Service name, namespace and cluster domain come from one place.
 */
export class Discovery {
  /**
   * DNS SRV records of the headless Service (`cluster.dns.record_type = srv`): node names are
   * `<short>@<pod>.<headless>.<namespace>.svc.<clusterDomain>`. Needs no RBAC. The default.
   * (`a`/`aaaa` records would need `name@IP` node names, facts §9.7, so they are not offered.)
   */
  public static dnsSrv(): Discovery {
    return new Discovery('dns');
  }

  /**
   * The Kubernetes API (`cluster.k8s`, `address_type = hostname`): EMQX reads the headless
   * Service's Endpoints, so the pods get a ServiceAccount and a Role allowing `get/list/watch`
   * on `endpoints` only.
   */
  public static kubernetes(options: KubernetesDiscoveryOptions = {}): Discovery {
    return new Discovery('k8s', options.apiServer ?? 'https://kubernetes.default.svc:443');
  }

  /**
   * One node that clusters with nobody (`cluster.discovery_strategy = singleton`, EMQX 5.8+): what
   * open-source durable sessions (`builtin_local`) require.
   */
  public static singleton(): Discovery {
    return new Discovery('singleton');
  }

  /** A static list of every core node name (`cluster.static.seeds`), computed from the core count. */
  public static staticSeeds(): Discovery {
    return new Discovery('static');
  }

  private constructor(
    /** The `cluster.discovery_strategy` value. */
    public readonly strategy: 'dns' | 'k8s' | 'static' | 'singleton',
    /** The API server URL, for the `k8s` strategy. */
    public readonly apiServer?: string,
  ) {}
}
