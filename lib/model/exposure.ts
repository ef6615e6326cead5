import { EmqxSpecError } from '../validation/emqx-spec-error';
import { annotationMap, cidr } from '../validation/validators';

/** Options of {@link Exposure.awsNlb}. */
export interface AwsNlbOptions {
  /**
   * Names the LoadBalancer Service (`<cluster>-<name>`); listeners given the same name share one NLB.
   * @default 'public'
   */
  readonly name?: string;
  /** `internet-facing` or `internal`. @default 'internal' (public exposure must be asked for) */
  readonly scheme?: 'internet-facing' | 'internal';
  /** Client CIDRs allowed through the NLB (`loadBalancerSourceRanges`). @default - none (the controller allows all) */
  readonly sourceRanges?: string[];
  /** Cross-zone load balancing. @default true */
  readonly crossZone?: boolean;
  /**
   * `spec.loadBalancerClass`, e.g. `service.k8s.aws/nlb` for the AWS Load Balancer Controller; without
   * it the `aws-load-balancer-type: external` annotation selects that controller.
   * @default - none
   */
  readonly loadBalancerClass?: string;
  /**
   * Keep the device's address as the packets' source: the target group attribute
   * `preserve_client_ip.enabled=true` (off by default for IP targets) and `externalTrafficPolicy: Local`.
   * NetworkPolicies then see device addresses (`sourceRanges`); the NLB's health checks still come from the VPC.
   * @default true
   */
  readonly preserveClientIp?: boolean;
  /** The public DNS name clients use (documented on the Service; TLS names and DNS records follow it). @default - none */
  readonly hostname?: string;
  /**
   * The NLB's idle timeout for the TCP listeners (`tcp.idle_timeout.seconds`, 60 to 6000), set per port
   * through `aws-load-balancer-listener-attributes.TCP-<port>`. TLS listeners at the NLB keep AWS's
   * fixed 350 s. Devices must send something (a PINGREQ every keepalive) more often than this.
   * @default - AWS's default, 350
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * More annotations of the NLB's Service (AWS Load Balancer Controller settings the options above do not model:
   * subnets, security groups, EIP allocations, more target group or load balancer attributes). Merged with the
   * library's: an `...-attributes` annotation adds its `key=value` pairs to ours; an annotation that contradicts one
   * the library sets is an error naming the option that sets it.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/** Where a listener is reachable from. */
export class Exposure {
  /** Inside the Kubernetes cluster only: the shared ClusterIP Service `<cluster>-mqtt`. The default. */
  public static clusterIp(): Exposure {
    return new Exposure('cluster-ip');
  }

  /**
   * An AWS Network Load Balancer through the AWS Load Balancer Controller (IP targets). Listeners
   * exposed under the same {@link AwsNlbOptions.name} share one Service and NLB.
   */
  public static awsNlb(options: AwsNlbOptions = {}): Exposure {
    const name = options.name ?? 'public';
    if (!/^[a-z]([-a-z0-9]{0,14}[a-z0-9])?$/.test(name)) {
      throw new EmqxSpecError('exposure.name', name, 'is not a valid exposure name', 'use up to 16 lowercase letters, digits and "-", starting with a letter');
    }
    if (options.sourceRanges !== undefined && !Array.isArray(options.sourceRanges)) {
      throw new EmqxSpecError('exposure.sourceRanges', options.sourceRanges, 'is not a list of CIDRs', "write it like ['203.0.113.0/24']");
    }
    (options.sourceRanges ?? []).forEach((r, i) => cidr(`exposure.sourceRanges[${i}]`, r));
    if (options.hostname !== undefined && !/^(\*\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/.test(options.hostname)) {
      throw new EmqxSpecError('exposure.hostname', options.hostname, 'is not a DNS host name', "use a lowercase name such as 'mqtt.plant-east.example.com'");
    }
    const idle = options.idleTimeoutSeconds;
    if (idle !== undefined && (!Number.isInteger(idle) || idle < 60 || idle > 6000)) {
      throw new EmqxSpecError('exposure.idleTimeoutSeconds', idle, 'is outside what an NLB TCP listener accepts', 'use a whole number of seconds from 60 to 6000 (AWS default 350)');
    }
    const annotations = annotationMap('exposure.annotations', options.annotations);
    return new Exposure('aws-nlb', { ...options, name, annotations });
  }

  private constructor(
    /** `cluster-ip` or `aws-nlb`. */
    public readonly kind: 'cluster-ip' | 'aws-nlb',
    /** The NLB options (aws-nlb only), with the name defaulted. */
    public readonly nlb?: AwsNlbOptions & {
      /** The exposure's name (the Service is `<cluster>-<name>`). */
      readonly name: string;
    },
  ) {}
}
