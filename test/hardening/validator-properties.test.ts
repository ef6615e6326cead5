// Properties of the one validators module, over generated input (fast-check), against oracles that are not the
// library's: the Kubernetes quantity grammar and suffix table written out here from k8s.io/apimachinery's Quantity
// docs, Node's own IP parser (node:net) for CIDR addresses, and the duration grammars of EMQX (emqx_schema
// duration: an integer and one unit), Go (time.ParseDuration units) and Prometheus (model.ParseDuration).
import * as net from 'node:net';
import * as fc from 'fast-check';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { quantityValue } from '../../lib/validation/quantity';
import { cidr, emqxDuration, goDuration, hostPort, promDuration, quantity } from '../../lib/validation/validators';

/** Accepted, or refused with an EmqxSpecError naming the field: never another exception. */
function outcome(run: () => unknown): 'accepted' | 'refused' {
  try {
    run();
    return 'accepted';
  } catch (e) {
    if (e instanceof EmqxSpecError && e.field === 'f') return 'refused';
    throw e;
  }
}

const RUNS = { numRuns: 500 };

describe('Kubernetes quantities', () => {
  // the suffixes and their factors, from the Quantity grammar (binarySI, decimalSI)
  const FACTOR: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  const digits = fc.stringMatching(/^[0-9]{1,6}$/);
  const number = fc.oneof(digits, fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`), digits.map((d) => `.${d}`), digits.map((d) => `${d}.`));

  test('every quantity the grammar builds is accepted, with the value its suffix or exponent gives', () => {
    fc.assert(fc.property(fc.constantFrom('', '+', '-'), number, fc.oneof(fc.constantFrom(...Object.keys(FACTOR)), fc.integer({ min: -5, max: 5 }).map((e) => `e${e}`)), (sign, n, suffix) => {
      const q = `${sign}${n}${suffix}`;
      expect(outcome(() => quantity('f', q))).toBe('accepted');
      const expected = Number(`${sign}${n}`) * (suffix.startsWith('e') ? 10 ** Number(suffix.slice(1)) : FACTOR[suffix]);
      expect(quantityValue(q)).toBeCloseTo(expected, 6);
    }), RUNS);
  });

  test('anything else is refused with an EmqxSpecError (the crash family of 1Gii, 1..5Gi, 5mM)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom('1Gii', '1..5Gi', '5mM', '1 Gi', 'Gi', '1gi', '1e', '1.5.5', '')), (q) => {
      const grammar = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/.test(q);
      expect(outcome(() => quantity('f', q))).toBe(grammar ? 'accepted' : 'refused');
    }), RUNS);
  });

  test('non-strings are refused, never coerced', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string()), fc.object()), (v) => {
      expect(outcome(() => quantity('f', v))).toBe('refused');
    }), RUNS);
  });
});

describe('CIDRs', () => {
  const octet = fc.integer({ min: 0, max: 255 });

  test('IPv4 CIDRs with four decimal parts and a prefix up to 32 are accepted; node:net agrees on the address', () => {
    fc.assert(fc.property(fc.tuple(octet, octet, octet, octet), fc.integer({ min: 0, max: 32 }), (parts, prefix) => {
      const addr = parts.join('.');
      expect(net.isIPv4(addr)).toBe(true);
      expect(outcome(() => cidr('f', `${addr}/${prefix}`))).toBe('accepted');
    }), RUNS);
  });

  test('an octet above 255, a prefix above 32, a leading zero or a missing prefix is refused', () => {
    const bad = fc.oneof(
      fc.tuple(fc.integer({ min: 256, max: 999 }), octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, p]) => `${a}.${b}.${c}.0/${p}`),
      fc.tuple(octet, octet, octet, octet, fc.integer({ min: 33, max: 99 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
      fc.tuple(fc.integer({ min: 1, max: 99 }), octet, octet).map(([a, b, c]) => `0${a}.${b}.${c}.0/24`),
      fc.tuple(octet, octet, octet, octet).map((p) => p.join('.')),
    );
    fc.assert(fc.property(bad, (c) => {
      const addr = c.split('/')[0];
      // node:net refuses the address, or the prefix is what is wrong
      expect(!net.isIPv4(addr) || !c.includes('/') || Number(c.split('/')[1]) > 32).toBe(true);
      expect(outcome(() => cidr('f', c))).toBe('refused');
    }), RUNS);
  });

  test('IPv6 CIDRs up to /128 are accepted; node:net agrees on the address', () => {
    const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(fc.property(fc.array(hextet, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 }), (h, prefix) => {
      const addr = h.join(':');
      expect(net.isIPv6(addr)).toBe(true);
      expect(outcome(() => cidr('f', `${addr}/${prefix}`))).toBe('accepted');
      expect(outcome(() => cidr('f', `${addr}/${prefix + 129}`))).toBe('refused');
    }), RUNS);
  });
});

describe('durations', () => {
  test('EMQX: one whole number and one unit of ms, s, m, h, d; units narrow what a setting takes', () => {
    fc.assert(fc.property(fc.nat(100000), fc.constantFrom('ms', 's', 'm', 'h', 'd'), (n, unit) => {
      expect(outcome(() => emqxDuration('f', `${n}${unit}`))).toBe('accepted');
      expect(outcome(() => emqxDuration('f', `${n}${unit}`, { units: ['s', 'm'] }))).toBe(['s', 'm'].includes(unit) ? 'accepted' : 'refused');
      // EMQX's duration is one number and one unit: compound, fractional and unit-less values are refused
      expect(outcome(() => emqxDuration('f', `${n}h${n}m`))).toBe('refused');
      expect(outcome(() => emqxDuration('f', `${n}.5${unit}`))).toBe('refused');
      expect(outcome(() => emqxDuration('f', `${n}`))).toBe('refused');
    }), RUNS);
    expect(outcome(() => emqxDuration('f', 'infinity', { infinity: true }))).toBe('accepted');
    expect(outcome(() => emqxDuration('f', 'infinity'))).toBe('refused');
  });

  test('Go: sequences of (decimal) numbers with h, m, s, ms, as cert-manager reads them', () => {
    const part = fc.tuple(fc.nat(9999), fc.option(fc.nat(99), { nil: undefined }), fc.constantFrom('h', 'm', 's', 'ms')).map(([n, f, u]) => `${n}${f === undefined ? '' : `.${f}`}${u}`);
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), (parts) => {
      expect(outcome(() => goDuration('f', parts.join('')))).toBe('accepted');
      expect(outcome(() => goDuration('f', `${parts.join('')}x`))).toBe('refused');
    }), RUNS);
  });

  test('Prometheus: sequences of whole numbers with ms, s, m, h, d, w, y', () => {
    const part = fc.tuple(fc.nat(9999), fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w', 'y')).map(([n, u]) => `${n}${u}`);
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), (parts) => {
      expect(outcome(() => promDuration('f', parts.join('')))).toBe('accepted');
      expect(outcome(() => promDuration('f', parts.join('').replace(/\d+/, '1.5')))).toBe('refused');
    }), RUNS);
  });
});

describe('host:port', () => {
  test('a DNS name or IPv4 address with a port from 1 to 65535; port 0, above 65535 or a scheme is refused', () => {
    const host = fc.oneof(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?(\.[a-z0-9]{1,8}){0,3}$/), fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')));
    fc.assert(fc.property(host, fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 65536, max: 99999 }), (h, port, tooHigh) => {
      expect(outcome(() => hostPort('f', `${h}:${port}`, 'x:1'))).toBe('accepted');
      expect(outcome(() => hostPort('f', `${h}:${tooHigh}`, 'x:1'))).toBe('refused');
      expect(outcome(() => hostPort('f', `${h}:0`, 'x:1'))).toBe('refused');
      expect(outcome(() => hostPort('f', `https://${h}:${port}`, 'x:1'))).toBe('refused');
      expect(outcome(() => hostPort('f', h, 'x:1'))).toBe('refused');
    }), RUNS);
  });
});
