import { EmqxSpecError } from '../validation/emqx-spec-error';
import { EmqxVersion } from '../versions/emqx-version';
import { s3BucketName } from '../validation/validators';

/** A daily export of the cluster's data (config overrides, built-in database, rules) to S3. */
export interface BackupSpec {
  /** The S3 bucket (created by the Pulumi stack, or yours). */
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /** Key prefix of the archives. @default '<namespace>/<cluster name>' */
  readonly prefix?: string;
  /** Cron schedule (UTC). @default '17 2 * * *' */
  readonly schedule?: string;
  /**
   * An API key with the administrator role (exports are writes), from a Secret: keys `api-key` and
   * `api-secret` by default. EMQX must know the key (`api_key.bootstrap_file` or the dashboard).
   */
  readonly apiKey: {
    /** The Secret's name. */
    readonly secretName: string;
    /** The Secret key holding the API key. @default 'api-key' */
    readonly keyKey?: string;
    /** The Secret key holding the API secret. @default 'api-secret' */
    readonly secretKey?: string;
  };
  /** The IAM role the job assumes through IRSA (annotation on its ServiceAccount). @default - none (node credentials) */
  readonly roleArn?: string;
  /** The image with `aws` and `curl`. @default 'amazon/aws-cli:2.15.0' */
  readonly image?: string;
}

/** The backup after defaults. */
export interface ResolvedBackup {
  /** The S3 bucket. */
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /** The key prefix of the exports. */
  readonly prefix: string;
  /** The CronJob schedule. */
  readonly schedule: string;
  /** The REST API key's Secret. */
  readonly apiKey: {
    /** The Secret's name. */
    readonly secretName: string;
    /** The key holding the API key. */
    readonly keyKey: string;
    /** The key holding the API secret. */
    readonly secretKey: string;
  };
  /** The IAM role (IRSA), when given. */
  readonly roleArn?: string;
  /** The job's image. */
  readonly image: string;
}

/** The labels of the backup job's pods (a different `name`, so the EMQX pods' policies do not select them). */
export const BACKUP_POD_NAME_LABEL = 'emqx-backup';

/** Checks the backup spec: the REST data export exists from EMQX 5.4. */
export function resolveBackup(spec: BackupSpec | undefined, ctx: { version: EmqxVersion; namespace: string; name: string }): ResolvedBackup | undefined {
  if (!spec) return undefined;
  if (!ctx.version.hasDataExportApi) {
    throw new EmqxSpecError('backup', ctx.version.version, `EMQX ${ctx.version} has no REST data export (POST /api/v5/data/export exists from 5.4)`, 'run `emqx ctl data export` by hand on a core, or use EMQX 5.4 or newer');
  }
  s3BucketName('backup.bucket', spec.bucket);
  if (typeof spec.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(spec.region)) throw new EmqxSpecError('backup.region', spec.region, 'is not an AWS region', "e.g. 'eu-west-1'");
  const schedule = spec.schedule ?? '17 2 * * *';
  if (schedule.trim().split(/\s+/).length !== 5) throw new EmqxSpecError('backup.schedule', schedule, 'is not a five-field cron expression', "e.g. '17 2 * * *' (daily at 02:17 UTC)");
  if (spec.roleArn !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(spec.roleArn)) throw new EmqxSpecError('backup.roleArn', spec.roleArn, 'is not an IAM role ARN', "e.g. 'arn:aws:iam::123456789012:role/emqx-backup'");
  const prefix = (spec.prefix ?? `${ctx.namespace}/${ctx.name}`).replace(/^\/+|\/+$/g, '');
  return {
    bucket: spec.bucket,
    region: spec.region,
    prefix,
    schedule,
    apiKey: { secretName: spec.apiKey.secretName, keyKey: spec.apiKey.keyKey ?? 'api-key', secretKey: spec.apiKey.secretKey ?? 'api-secret' },
    roleArn: spec.roleArn,
    image: spec.image ?? 'amazon/aws-cli:2.15.0',
  };
}

/**
 * The backup job's script (POSIX sh): ask EMQX for an export, download the archive from the node that
 * wrote it, upload it to S3 under a timestamped key. Needs `curl` and `aws`; env EMQX_URL, API_KEY,
 * API_SECRET, BUCKET, PREFIX.
 */
export const BACKUP_SCRIPT = `set -eu
response=$(curl -fsS -u "$API_KEY:$API_SECRET" -H 'content-type: application/json' -X POST -d '{}' "$EMQX_URL/api/v5/data/export")
filename=$(printf '%s' "$response" | sed -n 's/.*"filename" *: *"\\([^"]*\\)".*/\\1/p')
node=$(printf '%s' "$response" | sed -n 's/.*"node" *: *"\\([^"]*\\)".*/\\1/p')
[ -n "$filename" ] && [ -n "$node" ] || { echo "unexpected export response: $response" >&2; exit 1; }
curl -fsS -u "$API_KEY:$API_SECRET" -o "/tmp/$filename" "$EMQX_URL/api/v5/data/files/$filename?node=$node"
aws s3 cp "/tmp/$filename" "s3://$BUCKET/$PREFIX/$(date -u +%Y%m%dT%H%M%SZ)-$filename"
echo "backed up $filename from $node"
`;

/**
 * Restoring (documented in docs/BACKUP.md): upload the archive to a core (`POST /api/v5/data/files`,
 * multipart field `filename`), then import it (`POST /api/v5/data/import` with the file name and node).
 */
export const RESTORE_SCRIPT = `set -eu
aws s3 cp "s3://$BUCKET/$KEY" "/tmp/$(basename "$KEY")"
file="/tmp/$(basename "$KEY")"
name=$(basename "$KEY" | sed 's/^[0-9TZ]*-//')
mv "$file" "/tmp/$name"
curl -fsS -u "$API_KEY:$API_SECRET" -F "filename=@/tmp/$name" "$EMQX_URL/api/v5/data/files"
curl -fsS -u "$API_KEY:$API_SECRET" -H 'content-type: application/json' -X POST -d "{\\"filename\\": \\"$name\\"}" "$EMQX_URL/api/v5/data/import"
echo "restored $name"
`;
