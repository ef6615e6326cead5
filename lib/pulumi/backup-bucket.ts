import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Arguments of {@link BackupBucket}. */
export interface BackupBucketArgs {
  /** The bucket's name. */
  readonly bucketName: pulumi.Input<string>;
  /** Days a backup is kept (current versions); older versions go 30 days after being replaced. @default 90 */
  readonly retentionDays?: number;
  /** The EKS cluster's OIDC provider ARN (IRSA). */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The OIDC issuer without `https://`, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC`. */
  readonly oidcIssuer: pulumi.Input<string>;
  /** The backup ServiceAccounts (`namespace`, `name`, key prefix) allowed to write, one IAM role each. */
  readonly writers: {
    /** The backup job's namespace. */
    readonly namespace: string;
    /** The backup job's ServiceAccount. */
    readonly serviceAccount: string;
    /** The key prefix it may write. */
    readonly prefix: string;
  }[];
  /** The AWS provider of the region. @default - the stack's default provider */
  readonly awsProvider?: aws.Provider;
}

/**
 * The backup bucket of a region (`emqx:aws:BackupBucket`): private (public access blocked), encrypted,
 * versioned, with a lifecycle, plus one IAM role per backup ServiceAccount that EKS lets that account alone
 * assume (IRSA trust on the OIDC provider, `sub` = `system:serviceaccount:<ns>:<sa>`) and that may only
 * put objects under its own prefix.
 */
export class BackupBucket extends pulumi.ComponentResource {
  /** The bucket. */
  public readonly bucket: aws.s3.Bucket;
  /** Role ARN per `<namespace>/<serviceAccount>`. */
  public readonly roleArns: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: BackupBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:aws:BackupBucket', name, {}, opts);
    const child = { parent: this, provider: args.awsProvider };
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: args.bucketName, forceDestroy: false }, child);
    new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
      bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
      bucket: this.bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
    }, child);
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } }, child);
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
      bucket: this.bucket.id,
      rules: [{
        id: 'expire-backups',
        status: 'Enabled',
        filter: { prefix: '' },
        expiration: { days: args.retentionDays ?? 90 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      }],
    }, { ...child, dependsOn: [versioning] });
    for (const w of args.writers) {
      const key = `${w.namespace}/${w.serviceAccount}`;
      const role = new aws.iam.Role(`${name}-${w.namespace}-${w.serviceAccount}`, {
        assumeRolePolicy: pulumi.all([args.oidcProviderArn, args.oidcIssuer]).apply(([arn, issuer]) => JSON.stringify({
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: arn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${w.namespace}:${w.serviceAccount}`, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
          }],
        })),
      }, child);
      new aws.iam.RolePolicy(`${name}-${w.namespace}-${w.serviceAccount}-put`, {
        role: role.id,
        policy: this.bucket.arn.apply((arn) => JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${arn}/${w.prefix}/*` }],
        })),
      }, child);
      this.roleArns[key] = role.arn;
    }
    this.registerOutputs({ bucket: this.bucket.bucket, roleArns: this.roleArns });
  }
}
