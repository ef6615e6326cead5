import { EmqxSpecError } from '../validation/emqx-spec-error';
import { Peer } from '../network/network-peer';
import { SecretKeyRef } from '../model/secret-key-ref';
import { Size } from '../validation/size';
import { allKeys, hostPort, integrationName, secretKeyRef } from '../validation/validators';
import { EMQX_BUFFER_WORKERS } from '../model/buffer-budget';
import { HoconObject } from '../hocon/hocon';
import { enterpriseOnlyBefore59, IntegrationKind, IntegrationTls, integrationSsl, validateIntegrationTls } from './integration-kind';

/** TLS to an InfluxDB server (the settings every integration's TLS takes). */
export type InfluxDbTls = IntegrationTls;

/** An InfluxDB v2 (or v1) writer: connector (server, credentials) and action (line protocol). */
export interface InfluxDbSpec {
  /** Connector/action name, referenced by rules through `Action.influxdb(name)`. */
  readonly name: string;
  /** `host:port` of the InfluxDB server (no scheme). */
  readonly server: string;
  /** v2: org, bucket and an API token from a Secret. @default - none (give v1 or v2) */
  readonly v2?: {
    /** The InfluxDB organization. */
    readonly org: string;
    /** The bucket. */
    readonly bucket: string;
    /** The API token, from a Secret. */
    readonly token: SecretKeyRef;
  };
  /** v1: database, user and password from a Secret. @default - none (give v1 or v2) */
  readonly v1?: {
    /** The database. */
    readonly database: string;
    /** The user. */
    readonly username: string;
    /** The password, from a Secret. */
    readonly password: SecretKeyRef;
  };
  /** Line protocol with placeholders, e.g. `vibration,plant=${plant} rms=${rms} ${timestamp}`. */
  readonly writeSyntax: string;
  /** Timestamp precision. @default 'ms' */
  readonly precision?: 'ns' | 'us' | 'ms' | 's';
  /**
   * TLS to InfluxDB: `true` verifies the server against the image's public CA bundle; an object names the CA (a Secret
   * key, or `'system'`), the name verified, or (not recommended) turns verification off.
   * @default false - plaintext
   */
  readonly tls?: boolean | InfluxDbTls;
  /** Where InfluxDB is, for the egress NetworkPolicy. @default - anywhere, on its port only */
  readonly networkPeer?: Peer;
  /**
   * The buffer of each of the action's buffer workers (16, EMQX's default) while InfluxDB is unreachable;
   * when full, EMQX drops the oldest messages.
   * @default - an equal share of a quarter of the smallest node's memory with the cluster's other buffers
   */
  readonly maxBufferBytes?: Size;
}

/** Splits on spaces that are not escaped and not inside double quotes. */
function splitLine(line: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) { cur += ch + line[++i]; continue; }
    if (ch === '"') quoted = !quoted;
    if (ch === ' ' && !quoted) { if (cur) parts.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}

/**
 * Checks the shape of InfluxDB line protocol (`measurement[,tag=v...] field=v[,field=v...] [timestamp]`)
 * per line: EMQX rejects a line without a field set at boot ("Unable to parse InfluxDB line protocol").
 */
export function validateWriteSyntax(field: string, syntax: string): void {
  if (typeof syntax !== 'string' || !syntax.trim()) throw new EmqxSpecError(field, syntax, 'is empty', "write line protocol, e.g. 'vibration,plant=${plant} rms=${rms} ${timestamp}'");
  for (const line of syntax.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const parts = splitLine(line);
    if (parts.length < 2 || parts.length > 3) {
      throw new EmqxSpecError(field, line, 'is not line protocol: it needs a measurement (with tags), a field set and an optional timestamp separated by spaces', "e.g. 'vibration,plant=${plant} rms=${rms} ${timestamp}'");
    }
    const [measurement, fields] = parts;
    if (!/^[^,=\s]+/.test(measurement) || measurement.split(',').slice(1).some((t) => !/^[^=]+=[^=]+$/.test(t))) {
      throw new EmqxSpecError(field, line, `has a malformed measurement or tag set ('${measurement}')`, "write 'measurement,tag=value,...'");
    }
    const kv = fields.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    if (kv.some((f) => !/^[^=]+=.+$/.test(f))) {
      throw new EmqxSpecError(field, line, `has no valid field set ('${fields}'); EMQX rejects a line without fields`, "add at least one field, e.g. 'rms=${rms}'");
    }
  }
}

/** Checks an InfluxDB spec, naming the field. */
export function validateInfluxDb(field: string, s: InfluxDbSpec): void {
  validateIntegrationTls(`${field}.tls`, s?.tls);
  integrationName(`${field}.name`, s?.name, 'vibration_db');
  hostPort(`${field}.server`, s.server, 'influxdb.tsdb.svc:8086');
  if ((s.v2 === undefined) === (s.v1 === undefined)) throw new EmqxSpecError(`${field}.v2`, { v1: s.v1, v2: s.v2 }, 'needs exactly one of v2 and v1', "set v2: { org, bucket, token: { secretName, key } }");
  if (s.v2 && (!s.v2.org || !s.v2.bucket)) throw new EmqxSpecError(`${field}.v2`, s.v2, 'needs org and bucket', 'give both');
  if (s.v2) secretKeyRef(`${field}.v2.token`, s.v2.token);
  if (s.v1) secretKeyRef(`${field}.v1.password`, s.v1.password);
  if (!['ns', 'us', 'ms', 's'].includes(s.precision ?? 'ms')) throw new EmqxSpecError(`${field}.precision`, s.precision, 'is not a precision', "use 'ns', 'us', 'ms' or 's'");
  validateWriteSyntax(`${field}.writeSyntax`, s.writeSyntax);
}

const INFLUXDB_KEYS = allKeys<InfluxDbSpec>()(['name', 'server', 'v2', 'v1', 'writeSyntax', 'precision', 'tls', 'networkPeer', 'maxBufferBytes']);

/**
 * InfluxDB writers: `bridges.influxdb_api_v1|v2` before 5.5, `connectors.influxdb` + `actions.influxdb` from 5.5
 * (emqx-facts §5.1); enterprise only before 5.9, in the one edition from 5.9.
 */
export const influxDbKind: IntegrationKind<InfluxDbSpec> = {
  kind: 'influxdb',
  label: 'InfluxDB writer',
  keys: INFLUXDB_KEYS,
  unavailable: enterpriseOnlyBefore59('InfluxDB'),
  validate: (field, s) => validateInfluxDb(field, s),
  render: (s, version) => {
    const type = s.v2 ? 'influxdb_api_v2' : 'influxdb_api_v1';
    const credentials: HoconObject = s.v2 ? { bucket: s.v2.bucket, org: s.v2.org } : { database: s.v1!.database, username: s.v1!.username };
    const secretKey = s.v2 ? 'token' : 'password';
    const ref = s.v2 ? s.v2.token : s.v1!.password;
    // TLS verifies the server (before, `tls: true` wrote only enable = true, and EMQX's client default is verify_none)
    const { ssl, files } = integrationSsl('influxdb', s.name, s.server.split(':')[0], s.tls);
    const endpoints = [{ description: `InfluxDB ${s.name}`, peer: s.networkPeer ?? Peer.anywhere(), ports: [Number(s.server.split(':')[1])] }];
    if (version.dataIntegrationLayout === 'actions-sources') {
      return {
        connector: { type: 'influxdb', body: { enable: true, server: s.server, ssl, parameters: { influxdb_type: type, ...credentials } } },
        action: { type: 'influxdb', body: { enable: true, connector: s.name, parameters: { write_syntax: s.writeSyntax, precision: s.precision ?? 'ms' }, resource_opts: { max_buffer_bytes: s.maxBufferBytes?.toEmqx() } } },
        secrets: [{ under: 'connector', path: `parameters.${secretKey}`, ref }],
        files,
        endpoints,
      };
    }
    return {
      bridge: { type, body: { enable: true, server: s.server, ...credentials, precision: s.precision ?? 'ms', write_syntax: s.writeSyntax, ssl, resource_opts: { max_buffer_bytes: s.maxBufferBytes?.toEmqx() } } },
      secrets: [{ under: 'connector', path: secretKey, ref }],
      files,
      endpoints,
    };
  },
  actionReference: (s, version) => (version.dataIntegrationLayout === 'actions-sources' ? `influxdb:${s.name}` : `${s.v2 ? 'influxdb_api_v2' : 'influxdb_api_v1'}:${s.name}`),
  bufferNeed: (s) => ({ id: `influxdb:${s.name}`, what: `influxdb ${s.name}: ${EMQX_BUFFER_WORKERS} worker(s)`, units: EMQX_BUFFER_WORKERS, given: s.maxBufferBytes }),
  withBufferBound: (s, bound) => ({ ...s, maxBufferBytes: bound }),
};
