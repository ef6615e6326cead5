// One home for the validation of values Kubernetes, EMQX, AWS, cert-manager or Prometheus define: names, Secret
// references, quantities, CIDRs, host:port addresses, S3 bucket names and the three duration grammars. Each throws an EmqxSpecError naming the field, the value and the fix. Factories and the spec
// resolution call these instead of keeping copies (copies had drifted: one accepted '999.1.1.1/40').
import * as ipaddr from 'ipaddr.js';
import { EmqxSpecError } from './emqx-spec-error';
import { isQuantity } from './quantity';
import { SecretKeyRef } from '../model/secret-key-ref';

/** RFC 1123 DNS label (namespaces, Service names): lowercase alphanumerics and '-', at most 63. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 DNS subdomain (most object names): labels joined by '.', at most 253. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Secret data key (`[-._a-zA-Z0-9]+`, Kubernetes' IsConfigMapKey). */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** A DNS name for a certificate (a leading `*.` wildcard allowed), at most 253 characters. */
const DNS_NAME = /^(\*\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A host (DNS name or IPv4 address, any case) and a port. */
const HOST_PORT = /^([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?):(\d{1,5})$/;
/** S3 bucket names (AWS's rules: 3–63 lowercase letters, digits, '.', '-', alphanumeric at both ends, no '..'). */
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A Go duration as cert-manager parses it (`2160h`, `720h30m`, `90m`). */
const GO_DURATION = /^(\d+(\.\d+)?(h|m|s|ms))+$/;
/** A Prometheus duration (`30s`, `1m`, `1h30m`). */
const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/**
 * The name of a connector/action (Kafka, InfluxDB, S3): lowercase letters, digits and `_`, starting with a letter. It
 * is part of the `EMQX_CONNECTORS__<TYPE>__<NAME>__…` variables that carry the integration's secrets.
 */
export function integrationName(field: string, value: unknown, example: string): string {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9_]{0,62}$/.test(value)) {
    throw new EmqxSpecError(field, value, 'is not a valid integration name', `use lowercase letters, digits and '_', starting with a letter (e.g. '${example}')`);
  }
  return value;
}

/** A name that must be a DNS label (containers, volumes, namespaces): at most 63. */
export function dnsLabel(field: string, value: unknown, what: string, example: string): string {
  if (typeof value !== 'string' || value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new EmqxSpecError(field, value, `is not a ${what} name`, `use a DNS label, e.g. "${example}"`);
  }
  return value;
}

/** A DNS name for a certificate (`*.` allowed first). */
export function dnsName(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS_NAME.test(value)) {
    throw new EmqxSpecError(field, value, 'is not a DNS name', "use a lowercase name such as 'mqtt.plant-east.example.com'");
  }
  return value;
}

/** `host:port` (no scheme), the port from 1 to 65535. */
export function hostPort(field: string, value: unknown, example: string): string {
  const m = typeof value === 'string' ? HOST_PORT.exec(value) : null;
  if (!m || Number(m[3]) < 1 || Number(m[3]) > 65535) throw new EmqxSpecError(field, value, 'is not host:port', `e.g. '${example}'`);
  return value as string;
}

/** Whether a value is an S3 bucket name (for callers that collect problems instead of throwing). */
export function isS3BucketName(value: unknown): value is string {
  return typeof value === 'string' && S3_BUCKET.test(value) && !value.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(value);
}

/** An S3 bucket name. */
export function s3BucketName(field: string, value: unknown): string {
  if (!isS3BucketName(value)) throw new EmqxSpecError(field, value, 'is not an S3 bucket name', "use 3–63 lowercase letters, digits, '.' and '-', e.g. 'plant-telemetry-archive'");
  return value;
}

/** A Go duration (cert-manager's `duration`, `renewBefore`). */
export function goDuration(field: string, value: unknown): string {
  if (typeof value !== 'string' || !GO_DURATION.test(value)) throw new EmqxSpecError(field, value, 'is not a Go duration', "write it like '2160h' or '720h30m'");
  return value;
}

/** Seconds in a Prometheus or EMQX duration (`1h30m`, `500ms`; an EMQX duration is one such part). */
export function durationSeconds(d: string): number {
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  for (const m of d.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** A Prometheus duration (scrape intervals, alert `for`). */
export function promDuration(field: string, value: unknown, example = '30s'): string {
  if (typeof value !== 'string' || !PROM_DURATION.test(value)) throw new EmqxSpecError(field, value, 'is not a Prometheus duration', `write it like '${example}' or '1m'`);
  return value;
}

/** An object name that must be a DNS subdomain (Secrets, Issuers, StorageClasses, ...). */
export function objectName(field: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new EmqxSpecError(field, value, `is not a valid ${what} name`, `use a lowercase DNS name such as "emqx-${what.toLowerCase().replace(/[^a-z]/g, '')}"`);
  }
  return value;
}

/**
 * A reference to a key of a Kubernetes Secret. A literal value in its place (a string) is refused with
 * the reason: secrets never enter the spec, the manifests or `dist/`.
 */
export function secretKeyRef(field: string, ref: unknown): SecretKeyRef {
  if (typeof ref === 'string' || typeof ref === 'number') {
    throw new EmqxSpecError(field, '<a literal value>', 'secret values come from a Kubernetes Secret, never from the spec', `create a Secret and reference it: ${field.split('.').pop()}: { secretName: 'emqx-secrets', key: '...' } (kubectl create secret generic emqx-secrets --from-literal=...)`);
  }
  if (!ref || typeof ref !== 'object') throw new EmqxSpecError(field, ref, 'is not a Secret reference', "use { secretName: 'emqx-secrets', key: '...' }");
  const { secretName, key } = ref as Partial<SecretKeyRef>;
  if (typeof secretName !== 'string' || secretName.length > 253 || !DNS1123_SUBDOMAIN.test(secretName)) {
    throw new EmqxSpecError(`${field}.secretName`, secretName, 'is not a valid Secret name', 'use a lowercase DNS name such as "emqx-secrets"');
  }
  if (typeof key !== 'string' || key.length > 253 || !SECRET_KEY.test(key)) {
    throw new EmqxSpecError(`${field}.key`, key, 'is not a valid Secret key', "use letters, digits, '-', '_' and '.'");
  }
  return { secretName, key };
}

/** A Kubernetes quantity (`500m`, `2`, `1Gi`, `1.5G`, `1e3`), by the API's own grammar. */
export function quantity(field: string, value: unknown, options: { readonly nonNegative?: boolean } = {}): string {
  if (typeof value !== 'string' || !isQuantity(value)) {
    throw new EmqxSpecError(field, value, 'is not a Kubernetes quantity', "write it like '500m', '2', '1Gi' or '512Mi'");
  }
  if (options.nonNegative && value.startsWith('-')) throw new EmqxSpecError(field, value, 'is negative', "write a size or amount such as '1Gi' or '500m'");
  return value;
}

/**
 * An IPv4 or IPv6 CIDR as the API server parses it (Go's net.ParseCIDR): IPv4 in four decimal parts
 * without leading zeros, prefix within the address size.
 */
export function cidr(field: string, value: unknown): string {
  const fix = "write it like '10.20.0.0/16' or 'fd00::/8'";
  if (typeof value !== 'string' || !ipaddr.isValidCIDR(value)) throw new EmqxSpecError(field, value, 'is not a CIDR', fix);
  const [addr] = value.split('/');
  if (ipaddr.parseCIDR(value)[0].kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(addr)) {
    throw new EmqxSpecError(field, value, 'is not a CIDR (IPv4 needs four decimal parts without leading zeros)', fix);
  }
  return value;
}

/**
 * Every key of `T`, as a list the compiler checks against the type: a key missing from the list, or one the
 * type does not have, does not compile. Used to refuse unknown keys in specs that come from data (YAML/JSON).
 */
export function allKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(keys: K & (Exclude<keyof T, K[number]> extends never ? unknown : { readonly missing: Exclude<keyof T, K[number]> })): readonly string[] => keys;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
  }
  return d[a.length][b.length];
}

/**
 * Refuses keys a spec object does not have (TypeScript catches them in literals, not in data read from YAML or
 * JSON, where a misspelled `replicas` would silently mean the default), naming the key and the closest known one.
 */
export function knownKeys(field: string, value: unknown, keys: readonly string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const k of Object.keys(value)) {
    if (keys.includes(k) || (value as Record<string, unknown>)[k] === undefined) continue;
    // a known key the given one abbreviates or extends ('mem' for 'memory'), else the nearest by edit distance
    const prefixed = keys.find((x) => x.toLowerCase().startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(x.toLowerCase()));
    const [closest] = prefixed ? [prefixed] : [...keys].sort((a, b) => editDistance(k, a) - editDistance(k, b));
    const near = prefixed !== undefined || (closest !== undefined && editDistance(k, closest) <= Math.max(2, Math.floor(k.length / 3)));
    throw new EmqxSpecError(field ? `${field}.${k}` : k, (value as Record<string, unknown>)[k], 'is not a known setting (it would be ignored)', near ? `did you mean '${closest}'?` : `use one of: ${keys.join(', ')}`);
  }
}

/** The name part of a qualified name (label and annotation keys): at most 63, alphanumerics at both ends. */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Whether a label or annotation key is a Kubernetes qualified name (`[prefix/]name`, the prefix a DNS subdomain). */
function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

function stringMap(field: string, value: unknown, what: string): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new EmqxSpecError(field, value, `is not a map of ${what}s`, "write it as { 'example.com/key': 'value' }");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isQualifiedName(k)) throw new EmqxSpecError(`${field}.${k}`, k, `is not a valid ${what} key`, "use [prefix/]name: a DNS subdomain prefix, and at most 63 letters, digits, '-', '_', '.' starting and ending alphanumeric");
    if (typeof v !== 'string') throw new EmqxSpecError(`${field}.${k}`, v, `is not a string (${what} values are strings)`, `quote it: '${String(v)}'`);
    out[k] = v;
  }
  return out;
}

/** A map of Kubernetes labels: qualified-name keys, values of at most 63 characters (alphanumerics at both ends). */
export function labelMap(field: string, value: unknown): Record<string, string> {
  const labels = stringMap(field, value, 'label');
  for (const [k, v] of Object.entries(labels)) {
    if (v !== '' && (v.length > 63 || !QUALIFIED_NAME.test(v))) throw new EmqxSpecError(`${field}.${k}`, v, 'is not a valid label value', "use at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric");
  }
  return labels;
}

/** A map of Kubernetes annotations: qualified-name keys, string values. */
export function annotationMap(field: string, value: unknown): Record<string, string> {
  return stringMap(field, value, 'annotation');
}

/** A duration as EMQX's schema reads it (`Duration`): a whole number and one unit of ms, s, m, h or d. */
const EMQX_DURATION = /^[0-9]+(ms|s|m|h|d)$/;

/**
 * A duration written to emqx.conf (`'30s'`, `'500ms'`, `'2h'`). `units` narrows the units a setting accepts; with
 * `infinity`, the word `'infinity'` is accepted too (the settings whose schema type is `OneOf(String("infinity"), Duration)`).
 */
export function emqxDuration(field: string, value: unknown, options: { readonly units?: readonly string[]; readonly infinity?: boolean } = {}): string {
  if (options.infinity && value === 'infinity') return value;
  const m = typeof value === 'string' ? EMQX_DURATION.exec(value) : null;
  const units = options.units ?? ['ms', 's', 'm', 'h', 'd'];
  if (!m || !units.includes(m[1])) {
    throw new EmqxSpecError(field, value, 'is not a duration', `write a whole number and one unit of ${units.join(', ')}, e.g. '30s'${options.infinity ? ", or 'infinity'" : ''}`);
  }
  return value as string;
}

/**
 * The CA bundle of the EMQX images (Debian's `ca-certificates`, installed by EMQX's deploy/docker/Dockerfile), for
 * client TLS that trusts the public CAs. EMQX's client TLS options pass no CA when `cacertfile` is empty
 * (emqx_tls_lib:to_client_opts), so the bundle is named explicitly.
 */
export const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** A CA to trust: a Secret key, or `'system'` for the image's public CA bundle. */
export function caSource(field: string, value: unknown): SecretKeyRef | 'system' {
  if (value === 'system') return 'system';
  if (typeof value === 'string') throw new EmqxSpecError(field, value, 'is not a CA source', "give the CA's Secret key { secretName: 'kafka-ca', key: 'ca.crt' }, or 'system' for the image's public CA bundle");
  return secretKeyRef(field, value);
}
