import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Federation } from '../cdk8s/federation';
import { BackupSpec } from '../model/backup-spec';
import { EmqxClusterSpec } from '../model/emqx-cluster-spec';
import { EmqxVersion } from '../versions/emqx-version';
import { FederationSpec } from '../federation/federation-spec';
import { EmqxSiteComponent, EmqxSiteComponentArgs } from './emqx-site-component';
import { SecretValues } from './kubernetes-secrets';
import { RenderedChart, renderInMemory } from './render-in-memory';
import { refuseTransforms } from './transforms-policy';

/** What a stack decides per site at deploy time (values from other resources or stacks). */
export interface SiteInputs {
  /** The hub endpoint (`host:port`) the plants dial, e.g. from the hub stack. @default - the federation spec's */
  readonly hubEndpoint?: pulumi.Input<string>;
  /** Backup per site: bucket and region, and the IRSA role ARN from the backup bucket. @default - none */
  readonly backups?: Record<string, {
    /** The backup settings, without the role. */
    readonly spec: Omit<BackupSpec, 'roleArn'>;
    /** The IAM role's ARN (an output of the stack). */
    readonly roleArn: pulumi.Input<string>;
  }>;
}

/** Whether a site's version can export data through REST (5.4+). */
export function siteCanBackUp(spec: EmqxClusterSpec): boolean {
  const v = spec.version instanceof EmqxVersion ? spec.version : EmqxVersion.of(spec.version as string);
  return v.hasDataExportApi;
}

/** The federation spec with deploy-time values applied (pure: the same values give the same spec). */
export function applySiteInputs(spec: FederationSpec, values: { hubEndpoint?: string; roleArns?: Record<string, string>; backups?: SiteInputs['backups'] }): FederationSpec {
  const backupOf = (site: string): BackupSpec | undefined => {
    const b = values.backups?.[site];
    return b ? { ...b.spec, roleArn: values.roleArns?.[site] } : undefined;
  };
  const [host, port] = values.hubEndpoint ? values.hubEndpoint.split(':') : [undefined, undefined];
  return {
    ...spec,
    hub: {
      ...spec.hub,
      ...(backupOf(spec.hub.name) ? { backup: backupOf(spec.hub.name) } : {}),
      bridgeListener: host ? { ...spec.hub.bridgeListener, hostname: host, port: Number(port) } : spec.hub.bridgeListener,
    },
    plants: spec.plants.map((p) => (backupOf(p.name) ? { ...p, backup: backupOf(p.name) } : p)),
  };
}

/** Renders a federation in memory (then `customize` on it, before the checks) and returns the charts of the given sites. */
export function renderFederationSites(spec: FederationSpec, sites: readonly string[], customize?: (federation: Federation) => void): RenderedChart[] {
  const charts = renderInMemory((app) => {
    const federation = new Federation(app, 'federation', spec);
    customize?.(federation);
  });
  return sites.map((site) => {
    const chart = charts.find((c) => c.id === `${spec.name}-${site}`);
    if (!chart) throw new Error(`federation ${spec.name} has no site ${site} (sites: ${charts.map((c) => c.id.slice(spec.name.length + 1)).join(', ')})`);
    return chart;
  });
}

/** Arguments of {@link FederationSites}. */
export interface FederationSitesArgs {
  /** The federation, exactly as for the cdk8s `Federation` construct. */
  readonly federation: FederationSpec;
  /** The sites this stack deploys (hub and/or plant names). */
  readonly sites: string[];
  /** Secrets per site, from Pulumi secret config. */
  readonly secrets: Record<string, SecretValues[]>;
  /** Per-site inputs known only at deploy time. @default - none */
  readonly inputs?: SiteInputs;
  /** The target cluster's provider. @default - the stack's default provider */
  readonly kubernetesProvider?: k8s.Provider;
  /** Create each site's namespace (see {@link EmqxSiteComponentArgs.createNamespace}). @default false - deploy into existing namespaces */
  readonly createNamespaces?: boolean;
  /**
   * Changes to the rendered objects (escape hatches: `federation.hub.cores!.resource.addJsonPatch(...)`), made on
   * the constructs before the checks run, so the checks see them. Pulumi `transforms` are refused on this component.
   * @default - none
   */
  readonly customize?: (federation: Federation) => void;
}

/**
 * Some sites of a federation (`emqx:k8s:FederationSites`), rendered from the whole federation so both
 * ends of every bridge agree, each deployed as an {@link EmqxSiteComponent}. Deploy-time values (the
 * hub endpoint from the hub stack, backup role ARNs) are applied to the spec before rendering; the
 * objects are then exactly what `cdk8s synth` gives for the same values.
 */
export class FederationSites extends pulumi.ComponentResource {
  /** Each deployed site, by site name. */
  public readonly sites: Record<string, EmqxSiteComponent> = {};
  /** Each site's objects. */
  public readonly objects: Record<string, pulumi.Output<Record<string, any>[]>> = {};
  /** The charts rendered with the spec's own values (for names, Services and checks). */
  public readonly preview: RenderedChart[];

  constructor(name: string, args: FederationSitesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:k8s:FederationSites', name, {}, refuseTransforms('FederationSites', opts));
    // checks and names from the declared spec; errors stop the program here
    this.preview = renderFederationSites(args.federation, args.sites, args.customize);
    const backups = args.inputs?.backups ?? {};
    const arns = pulumi.all(Object.fromEntries(Object.entries(backups).map(([site, b]) => [site, b.roleArn])));
    const rendered = pulumi.all([args.inputs?.hubEndpoint, arns]).apply(([hubEndpoint, roleArns]) =>
      renderFederationSites(applySiteInputs(args.federation, { hubEndpoint, roleArns: roleArns as Record<string, string>, backups }), args.sites, args.customize));
    args.sites.forEach((site, i) => {
      const chart = this.preview[i];
      this.objects[site] = rendered.apply((r) => r[i].objects);
      this.sites[site] = new EmqxSiteComponent(`${name}-${site}`, {
        namespace: chart.namespace ?? site,
        createNamespace: args.createNamespaces,
        objects: this.objects[site],
        findings: chart.findings,
        secrets: args.secrets[site],
        kubernetesProvider: args.kubernetesProvider,
      }, { parent: this });
    });
    this.registerOutputs({ sites: args.sites });
  }
}
