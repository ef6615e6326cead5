import * as pulumi from '@pulumi/pulumi';
import { NLB_SSL_CERT_ANNOTATION } from '../model/listener-service-shape';
import { nlbServicesWithHostname } from './nlb-dns-records';

/** What a deployed site tells other stacks and humans (a stack output per site). */
export interface SiteOutputs {
  /** The site's namespace. */
  readonly namespace: string;
  /** Every in-cluster Service address, `<service>.<namespace>.svc:<port>`. */
  readonly services: string[];
  /** The public hostnames of the site's NLBs. */
  readonly nlbHostnames: string[];
  /** Hostname → the NLB address the AWS Load Balancer Controller wrote into the Service status (with DNS records). */
  readonly nlbAddresses: Record<string, string>;
  /** The ACM certificate ARNs of listeners with TLS at the NLB. */
  readonly certificateArns: string[];
  /** The IAM role of the site's backup job, when it has one. @default - none */
  readonly backupRoleArn?: string;
}

/** A site's outputs, from its objects and what the stack created for it. */
export function siteOutputs(namespace: string, objects: readonly Record<string, any>[], created: { manifests?: pulumi.Resource; nlbAddresses?: Record<string, pulumi.Output<string>>; backupRoleArn?: pulumi.Input<string> } = {}): pulumi.Output<SiteOutputs> {
  const services = objects.filter((o) => o.kind === 'Service')
    .flatMap((o) => (o.spec?.ports ?? []).map((p: { port: number }) => `${o.metadata.name}.${o.metadata.namespace ?? namespace}.svc:${p.port}`));
  const certificateArns = [...new Set(objects.filter((o) => o.kind === 'Service' && o.metadata?.annotations?.[NLB_SSL_CERT_ANNOTATION])
    .flatMap((o) => String(o.metadata.annotations[NLB_SSL_CERT_ANNOTATION]).split(',')))];
  return pulumi.output({
    // known once the site's objects are registered (so a reader of the outputs sees a deployed site)
    namespace: created.manifests ? created.manifests.urn.apply(() => namespace) : namespace,
    services,
    nlbHostnames: nlbServicesWithHostname(objects as Record<string, any>[]).map((s) => s.hostname),
    nlbAddresses: created.nlbAddresses ?? {},
    certificateArns,
    ...(created.backupRoleArn ? { backupRoleArn: created.backupRoleArn } : {}),
  }) as pulumi.Output<SiteOutputs>;
}
