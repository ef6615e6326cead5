import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Arguments of {@link DnsValidatedCertificate}. */
export interface DnsValidatedCertificateArgs {
  /** The certificate's name. */
  readonly domainName: string;
  /** The Route53 zone that validates it. */
  readonly zoneId: pulumi.Input<string>;
  /** The AWS provider of the region. @default - the stack's default provider */
  readonly awsProvider?: aws.Provider;
}

/**
 * An ACM certificate validated through Route53 (`emqx:aws:Certificate`), for listeners with TLS at the
 * NLB (`Tls.atNlb({ certificateArns: [cert.arn] })`).
 */
export class DnsValidatedCertificate extends pulumi.ComponentResource {
  /** The validated certificate's ARN. */
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: DnsValidatedCertificateArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:aws:Certificate', name, {}, opts);
    const child = { parent: this, provider: args.awsProvider };
    const cert = new aws.acm.Certificate(`${name}-cert`, { domainName: args.domainName, validationMethod: 'DNS' }, child);
    const option = cert.domainValidationOptions.apply((o) => o[0]);
    const record = new aws.route53.Record(`${name}-validation`, {
      zoneId: args.zoneId,
      name: option.apply((o) => o.resourceRecordName),
      type: option.apply((o) => o.resourceRecordType),
      records: [option.apply((o) => o.resourceRecordValue)],
      ttl: 300,
      allowOverwrite: true,
    }, child);
    const validation = new aws.acm.CertificateValidation(`${name}-validation`, { certificateArn: cert.arn, validationRecordFqdns: [record.fqdn] }, child);
    this.arn = validation.certificateArn;
    this.registerOutputs({ arn: this.arn });
  }
}
