// The one Kubernetes quantity parser (resources, storage sizes, checks). The grammar is the API's own
// (k8s.io/apimachinery/pkg/api/resource, Quantity):
//   <quantity> ::= <signedNumber><suffix>;  <suffix> ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI> ::= Ki | Mi | Gi | Ti | Pi | Ei;  <decimalSI> ::= m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
//   <number> ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
const SUFFIX: Record<string, number> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
  m: 1e-3,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?)$/;

/** Whether a string is a Kubernetes quantity. */
export function isQuantity(q: string): boolean {
  return typeof q === 'string' && QUANTITY.test(q);
}

/** The value of a Kubernetes quantity (`512Mi`, `2Gi`, `1.5G`, `500m`, `1e9`) as a number (bytes for memory). */
export function quantityValue(q: string): number {
  const m = typeof q === 'string' ? QUANTITY.exec(q) : null;
  if (!m) throw new Error(`not a Kubernetes quantity: ${q}`);
  const base = Number(m[1]);
  return m[2] !== undefined ? base * 10 ** Number(m[2]) : base * SUFFIX[m[3] ?? ''];
}
