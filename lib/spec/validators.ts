// One home for the validation of values Kubernetes or EMQX define: names, Secret references, quantities
// and CIDRs. Each throws an EmqxSpecError naming the field, the value and the fix. Factories and the spec
// resolution call these instead of keeping copies (copies had drifted: one accepted '999.1.1.1/40').
import * as ipaddr from 'ipaddr.js';
import { EmqxSpecError } from './emqx-spec-error';
import { isQuantity } from './quantity';
import { SecretKeyRef } from './secret-key-ref';

/** RFC 1123 DNS label (namespaces, Service names): lowercase alphanumerics and '-', at most 63. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 DNS subdomain (most object names): labels joined by '.', at most 253. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Secret data key (`[-._a-zA-Z0-9]+`, Kubernetes' IsConfigMapKey). */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

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
