import { EmqxSpecError } from './emqx-spec-error';

/** A whole number of at least `min`, or an {@link EmqxSpecError} naming the field, the value and `fix`. */
export function wholeNumber(field: string, v: unknown, min: number, fix: string, max = INT32_MAX): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new EmqxSpecError(field, v, `must be a whole number of at least ${min}`, fix);
  }
  if (v > max) throw new EmqxSpecError(field, v, `must be at most ${max}`, fix);
  return v;
}

/** The largest value of a Kubernetes int32 field (replicas, ports, ...). */
export const INT32_MAX = 2147483647;

/** A TCP port (1 to 65535), or an {@link EmqxSpecError} naming the field and the value. */
export function tcpPort(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) {
    throw new EmqxSpecError(field, v, 'is not a TCP port', 'use a whole number from 1 to 65535');
  }
  return v;
}
