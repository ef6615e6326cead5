import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { HOSTNAME_ANNOTATION } from '../model/listener-service-shape';

/**
 * The LoadBalancer Services among cdk8s objects that carry a public hostname: ours, and the one an
 * EMQX Operator resource's `listenersServiceTemplate` makes the operator create (same name, in the
 * resource's namespace).
 */
export function nlbServicesWithHostname(objects: Record<string, any>[]): { namespace: string; name: string; hostname: string }[] {
  const services = objects.flatMap((o) => {
    if (o.kind === 'Service') return [{ namespace: o.metadata.namespace, metadata: o.metadata, spec: o.spec }];
    const t = o.kind === 'EMQX' ? o.spec?.listenersServiceTemplate : undefined;
    return t?.enabled ? [{ namespace: o.metadata.namespace, metadata: t.metadata, spec: t.spec }] : [];
  });
  return services
    .filter((s) => s.spec?.type === 'LoadBalancer' && s.metadata?.annotations?.[HOSTNAME_ANNOTATION])
    .map((s) => ({ namespace: s.namespace, name: s.metadata.name, hostname: s.metadata.annotations[HOSTNAME_ANNOTATION] }));
}

/** Arguments of {@link NlbDnsRecords}. */
export interface NlbDnsRecordsArgs {
  /** The site's objects (the Services are read from them; their addresses from the live Services). */
  readonly objects: Record<string, any>[];
  /** The Route53 hosted zone of the hostnames. */
  readonly zoneId: pulumi.Input<string>;
  /** What created the Services (the records wait for it). */
  readonly dependsOn: pulumi.Resource[];
  /** The provider to read the Services with. @default - the stack's default provider */
  readonly kubernetesProvider?: k8s.Provider;
  /** The AWS provider of the hosted zone. @default - the stack's default provider */
  readonly awsProvider?: aws.Provider;
  /** The records' TTL in seconds. @default 60 */
  readonly ttl?: number;
}

/**
 * A Route53 CNAME for every NLB Service with a hostname (`emqx:aws:NlbDns`), pointing at the address the
 * AWS Load Balancer Controller wrote into the Service's status.
 */
export class NlbDnsRecords extends pulumi.ComponentResource {
  /** The Route53 records. */
  public readonly records: aws.route53.Record[];
  /** Hostname → the NLB address each record points at. */
  public readonly addresses: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: NlbDnsRecordsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:aws:NlbDns', name, {}, opts);
    this.records = nlbServicesWithHostname(args.objects).map((s) => {
      const live = k8s.core.v1.Service.get(`${name}-${s.name}`, `${s.namespace}/${s.name}`, { parent: this, provider: args.kubernetesProvider, dependsOn: args.dependsOn });
      const target = live.status.apply((st) => st?.loadBalancer?.ingress?.[0]?.hostname ?? st?.loadBalancer?.ingress?.[0]?.ip ?? '');
      this.addresses[s.hostname] = target;
      return new aws.route53.Record(`${name}-${s.hostname}`, {
        zoneId: args.zoneId,
        name: s.hostname,
        type: 'CNAME',
        ttl: args.ttl ?? 60,
        records: [target],
      }, { parent: this, provider: args.awsProvider });
    });
    this.registerOutputs({ addresses: this.addresses });
  }
}
