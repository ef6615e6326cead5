// The S3 action in aggregated mode: a cold copy of messages as CSV (or JSON Lines) files in object storage, one
// file per node every `timeInterval` or `maxRecords` (seed 000's third copy of telemetry).
//
// Sources (emqx/emqx): the S3 action is `apps/emqx_bridge_s3`, enterprise only (`is_community_umbrella_app`
// "apps/emqx_bridge_s3" -> false in rebar.config.erl at v5.6.0 … v5.8.9) from e5.6.0 (direct upload only); the
// aggregated mode (`parameters.mode = aggregated`, `container`, `aggregation`) from 5.7.0
// (emqx_bridge_s3_upload.erl at v5.7.0); the one (enterprise) edition has it from 5.9. Container `csv` from 5.7,
// `json_lines` from 5.9 (emqx_connector_aggregator_schema:container/1 at e5.9.0). Connector and action type
// `s3` (emqx_bridge_s3.hrl ?CONNECTOR, ?ACTION_UPLOAD). Client fields (emqx_s3_schema:fields(s3_client)):
// `access_key_id`, `secret_access_key` (a secret), `host`, `port`, `access_method` (path | vhost, default path; from 5.8.3),
// `transport_options.ssl` (emqx_connector_schema_lib:ssl_fields). Aggregation defaults `time_interval = 30m`,
// `max_records = 100000`. Key placeholders (validate_key_template/1): action, node, sequence,
// datetime.<fmt>, datetime_until.<fmt>; the formats every release accepts are rfc3339, rfc3339utc and unix
// (6.0.3 added more, not in 6.1.0–6.2.0: only those three are accepted here).
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { wholeNumber, tcpPort } from '../validation/spec-numbers';
import { Peer } from '../network/network-peer';
import { SecretKeyRef } from '../model/secret-key-ref';
import { allKeys, emqxDuration, integrationName, s3BucketName, secretKeyRef } from '../validation/validators';
import { Size } from '../validation/size';
import { EMQX_BUFFER_WORKERS } from '../model/buffer-budget';
import { EmqxVersion } from '../versions/emqx-version';
import { IntegrationKind, IntegrationTls, integrationSsl, validateIntegrationTls } from './integration-kind';

/** Where a cold copy of messages goes: an S3 bucket (AWS S3, or any S3 API such as MinIO), as batched files. */
export interface S3UploadSpec {
  /** Connector/action name, referenced by rules through `Action.s3(name)`: lowercase letters, digits, `_`. */
  readonly name: string;
  /** The S3 endpoint's host, without scheme, e.g. `s3.eu-central-1.amazonaws.com` or `minio.storage.svc`. */
  readonly host: string;
  /** The endpoint's port. @default 443 */
  readonly port?: number;
  /** The bucket. */
  readonly bucket: string;
  /** The access key id, from a Secret (EMQX reads it from the environment, never from emqx.conf). */
  readonly accessKeyId: SecretKeyRef;
  /** The secret access key, from a Secret. */
  readonly secretAccessKey: SecretKeyRef;
  /**
   * The object key of each file, with the placeholders `${action}`, `${node}`, `${sequence}` and
   * `${datetime.rfc3339utc}` (also `rfc3339`, `unix`, and `datetime_until.*`); EMQX appends the ones the key lacks.
   * @default '${action}/${node}/${datetime.rfc3339utc}_N${sequence}.csv' (`.jsonl` for JSON Lines)
   */
  readonly key?: string;
  /** The file format: `csv`, or `json_lines` (EMQX 5.9+). @default 'csv' */
  readonly format?: 'csv' | 'json_lines';
  /** CSV: the columns first in each file, in this order (the others follow). @default - EMQX's order */
  readonly columnOrder?: string[];
  /** A new file every interval (EMQX duration, e.g. `'30m'`). @default '30m' */
  readonly timeInterval?: string;
  /** A new file after this many records. @default 100000 */
  readonly maxRecords?: number;
  /**
   * Path-style (`host/bucket/key`) or virtual-host-style (`bucket.host/key`) requests; the setting exists from
   * EMQX 5.8.3 (before, requests are path-style).
   * @default - EMQX's, 'path'
   */
  readonly accessMethod?: 'path' | 'vhost';
  /** The object ACL. @default - the bucket's default */
  readonly acl?: 'private' | 'public_read' | 'public_read_write' | 'authenticated_read' | 'bucket_owner_read' | 'bucket_owner_full_control';
  /**
   * TLS to the endpoint: `true` verifies it against the image's public CA bundle (AWS S3); an object names the CA
   * (a Secret key, for a private MinIO), the name verified, or (not recommended) turns verification off.
   * @default true
   */
  readonly tls?: boolean | IntegrationTls;
  /** Where the endpoint is, for the egress NetworkPolicy. @default - anywhere, on its port only */
  readonly networkPeer?: Peer;
  /**
   * The buffer of each of the action's buffer workers (16, EMQX's default) while S3 is unreachable; when full, EMQX
   * drops the oldest messages.
   * @default - an equal share of a quarter of the smallest node's memory with the cluster's other buffers
   */
  readonly maxBufferBytes?: Size;
}

const S3_KEYS = allKeys<S3UploadSpec>()([
  'name', 'host', 'port', 'bucket', 'accessKeyId', 'secretAccessKey', 'key', 'format', 'columnOrder', 'timeInterval', 'maxRecords',
  'accessMethod', 'acl', 'tls', 'networkPeer', 'maxBufferBytes',
]);
const HOST = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/;
const KEY_PLACEHOLDERS = ['action', 'node', 'sequence', ...['datetime', 'datetime_until'].flatMap((p) => ['rfc3339', 'rfc3339utc', 'unix'].map((f) => `${p}.${f}`))];
const ACLS = ['private', 'public_read', 'public_read_write', 'authenticated_read', 'bucket_owner_read', 'bucket_owner_full_control'];

/** The object key when none is given. */
export function defaultS3Key(format: 'csv' | 'json_lines'): string {
  return `\${action}/\${node}/\${datetime.rfc3339utc}_N\${sequence}.${format === 'csv' ? 'csv' : 'jsonl'}`;
}

/** Checks an S3 upload spec, naming the field. */
export function validateS3Upload(field: string, s: S3UploadSpec, version: EmqxVersion): void {
  integrationName(`${field}.name`, s?.name, 'telemetry_archive');
  if (typeof s.host !== 'string' || !HOST.test(s.host)) throw new EmqxSpecError(`${field}.host`, s.host, 'is not a host name (no scheme, no port)', "e.g. 's3.eu-central-1.amazonaws.com'");
  if (s.port !== undefined) tcpPort(`${field}.port`, s.port);
  s3BucketName(`${field}.bucket`, s.bucket);
  secretKeyRef(`${field}.accessKeyId`, s.accessKeyId);
  secretKeyRef(`${field}.secretAccessKey`, s.secretAccessKey);
  const format = s.format ?? 'csv';
  if (format !== 'csv' && format !== 'json_lines') throw new EmqxSpecError(`${field}.format`, format, 'is not a file format EMQX writes', "use 'csv' or 'json_lines'");
  if (format === 'json_lines' && !version.hasS3JsonLinesContainer) throw new EmqxSpecError(`${field}.format`, format, 'needs EMQX 5.9 or newer (5.7 and 5.8 write CSV only)', "use 'csv'");
  if (s.columnOrder !== undefined) {
    if (format !== 'csv') throw new EmqxSpecError(`${field}.columnOrder`, s.columnOrder, 'orders CSV columns; JSON Lines has none', 'leave it out');
    if (!Array.isArray(s.columnOrder) || s.columnOrder.some((c) => typeof c !== 'string' || !c)) throw new EmqxSpecError(`${field}.columnOrder`, s.columnOrder, 'is not a list of column names', "e.g. ['clientid', 'timestamp']");
  }
  if (s.key !== undefined) {
    if (typeof s.key !== 'string' || !s.key.trim()) throw new EmqxSpecError(`${field}.key`, s.key, 'is not an object key template', `e.g. '${defaultS3Key(format)}'`);
    const bad = [...s.key.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).filter((p) => !KEY_PLACEHOLDERS.includes(p));
    if (bad.length) {
      throw new EmqxSpecError(`${field}.key`, s.key, `uses ${bad.map((b) => `\${${b}}`).join(', ')}, which EMQX refuses in an aggregated upload's key ("Template placeholders are disallowed")`, 'use ${action}, ${node}, ${sequence}, ${datetime.rfc3339utc} (or rfc3339, unix) and ${datetime_until.*}; message fields belong in the rule SQL');
    }
  }
  if (s.timeInterval !== undefined) emqxDuration(`${field}.timeInterval`, s.timeInterval, { units: ['s', 'm', 'h', 'd'] });
  if (s.maxRecords !== undefined) wholeNumber(`${field}.maxRecords`, s.maxRecords, 1, 'omit it for 100000');
  if (s.accessMethod !== undefined && s.accessMethod !== 'path' && s.accessMethod !== 'vhost') throw new EmqxSpecError(`${field}.accessMethod`, s.accessMethod, 'is not an access method', "use 'path' or 'vhost'");
  if (s.accessMethod !== undefined && !version.hasS3AccessMethod) throw new EmqxSpecError(`${field}.accessMethod`, s.accessMethod, `is not a setting of EMQX ${version} (from 5.8.3; an unknown key stops the node at boot)`, 'leave it out (requests are path-style), or use EMQX 5.8.3 or newer');
  if (s.acl !== undefined && !ACLS.includes(s.acl)) throw new EmqxSpecError(`${field}.acl`, s.acl, 'is not an S3 canned ACL EMQX knows', `use one of: ${ACLS.join(', ')}`);
  validateIntegrationTls(`${field}.tls`, s.tls);
  if (s.maxBufferBytes !== undefined && !(s.maxBufferBytes instanceof Size)) throw new EmqxSpecError(`${field}.maxBufferBytes`, s.maxBufferBytes, 'is not a Size', 'use e.g. Size.mebibytes(64)');
}

/** S3 uploads in aggregated mode: `connectors.s3` + `actions.s3` (enterprise 5.7+, the one edition from 5.9). */
export const s3UploadKind: IntegrationKind<S3UploadSpec> = {
  kind: 's3',
  label: 'S3 upload',
  keys: S3_KEYS,
  unavailable: (version, edition) => (version.hasS3AggregatedUpload(edition) ? undefined : {
    reason: `EMQX ${edition.isEnterprise ? 'Enterprise' : 'open source'} ${version} has no S3 aggregated upload (enterprise 5.7 and newer; the one edition from 5.9)`,
    fix: 'use EMQX Enterprise 5.7 or newer, or EMQX 5.9 or newer',
  }),
  validate: (field, s, version) => validateS3Upload(field, s, version),
  render: (s) => {
    const format = s.format ?? 'csv';
    const port = s.port ?? 443;
    const { ssl, files } = integrationSsl('s3', s.name, s.host, s.tls ?? true);
    return {
      connector: {
        type: 's3',
        body: { enable: true, host: s.host, port, access_method: s.accessMethod, transport_options: ssl ? { ssl } : undefined },
      },
      action: {
        type: 's3',
        body: {
          enable: true,
          connector: s.name,
          parameters: {
            mode: 'aggregated',
            bucket: s.bucket,
            key: s.key ?? defaultS3Key(format),
            acl: s.acl,
            container: { type: format, column_order: format === 'csv' ? s.columnOrder : undefined },
            aggregation: { time_interval: s.timeInterval ?? '30m', max_records: s.maxRecords ?? 100000 },
          },
          resource_opts: { max_buffer_bytes: s.maxBufferBytes?.toEmqx() },
        },
      },
      secrets: [
        { under: 'connector', path: 'access_key_id', ref: s.accessKeyId },
        { under: 'connector', path: 'secret_access_key', ref: s.secretAccessKey },
      ],
      files,
      endpoints: [{ description: `S3 ${s.name}`, peer: s.networkPeer ?? Peer.anywhere(), ports: [port] }],
    };
  },
  actionReference: (s) => `s3:${s.name}`,
  bufferNeed: (s) => ({ id: `s3:${s.name}`, what: `s3 ${s.name}: ${EMQX_BUFFER_WORKERS} worker(s)`, units: EMQX_BUFFER_WORKERS, given: s.maxBufferBytes }),
  withBufferBound: (s, bound) => ({ ...s, maxBufferBytes: bound }),
};
