import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { federationDiagrams } from '../federation/federation-diagram';
import { FederationSpec, resolveFederation, ResolvedFederation } from '../federation/federation-spec';
import { EmqxCluster } from './emqx-cluster';
import { EmqxSpecError, EmqxSpecErrors } from '../validation/emqx-spec-error';

/** Props of {@link Federation}: the framework-free {@link FederationSpec}. */
export interface FederationProps extends FederationSpec {}

/**
 * A hub and its plants, each its own chart (`<name>-<site>`, created next to this construct; its own
 * namespace, possibly in another Kubernetes cluster),
 * joined by MQTT bridges over typed routes. Both ends come from this one declaration: every plant's
 * bridge, the hub's bridge listener and authentication, and the hub ACL confining each plant to its own
 * topics. The topology is {@link Federation.diagram} (Mermaid); `writeReports()` writes it to a file.
 */
export class Federation extends Construct {
  /** The resolved federation (both ends, links, ACL). */
  public readonly spec: ResolvedFederation;
  /** The hub's chart and cluster. */
  public readonly hub: EmqxCluster;
  /** Each plant's cluster, by plant name. */
  public readonly plants: Record<string, EmqxCluster> = {};
  /** The Mermaid diagram (plants grouped when every site would exceed Mermaid's default text limit). */
  public readonly diagram: string;
  /** The Mermaid diagram of every site (the same as {@link Federation.diagram} when that is not grouped). */
  public readonly fullDiagram: string;

  constructor(scope: Construct, id: string, props: FederationProps) {
    super(scope, id);
    this.spec = resolveFederation(props);
    ({ diagram: this.diagram, full: this.fullDiagram } = federationDiagrams(this.spec));
    // sites are charts next to this construct (one manifest file each, named <federation>-<site>)
    const parent = scope;
    const chart = (name: string, namespace: string) => new Chart(parent, name, { namespace, disableResourceNameHashes: true });
    // every site is built, and the problems of all of them are reported together, each naming its site
    const site = <T>(prefix: string, build: () => T) => () => EmqxSpecError.inside(prefix, build);
    const [hub, ...plants] = EmqxSpecErrors.collect([
      site('hub', () => new EmqxCluster(chart(`${this.spec.name}-${this.spec.hub.name}`, this.spec.hub.namespace ?? this.spec.hub.name), 'Emqx', this.spec.hub)),
      ...this.spec.plants.map((p) => site(`plants.${p.name}`, () => new EmqxCluster(chart(`${this.spec.name}-${p.name}`, p.spec.namespace ?? p.name), 'Emqx', p.spec))),
    ]);
    this.hub = hub;
    this.spec.plants.forEach((p, i) => (this.plants[p.name] = plants[i]));
  }
}
