// The fields of cert-manager's `cert-manager.io/v1` resources the library writes, typed from the CRDs in
// shared/crds/cert-manager (cert-manager.io_certificates.yaml, cert-manager.io_issuers.yaml; SOURCES.txt says which
// release), which kube-strict checks every manifest against. JSON names as in the CRD (`isCA`, not `isCa`).
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

/** `Certificate.spec.issuerRef`. */
export interface CertificateIssuerRef {
  readonly name: string;
  readonly kind: 'Issuer' | 'ClusterIssuer';
  readonly group: 'cert-manager.io';
}

/** `cert-manager.io/v1` `Certificate` (the fields written). */
export interface Certificate {
  readonly apiVersion?: 'cert-manager.io/v1';
  readonly kind?: 'Certificate';
  readonly metadata?: ObjectMeta;
  readonly spec: {
    readonly secretName: string;
    readonly secretTemplate?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
    readonly issuerRef: CertificateIssuerRef;
    readonly isCA?: boolean;
    readonly commonName?: string;
    readonly dnsNames?: string[];
    readonly duration?: string;
    readonly renewBefore?: string;
    readonly privateKey?: {
      readonly algorithm?: 'RSA' | 'ECDSA' | 'Ed25519';
      readonly size?: number;
      readonly rotationPolicy?: 'Never' | 'Always';
    };
    readonly usages?: ('server auth' | 'client auth' | 'digital signature' | 'key encipherment')[];
  };
}

/** `cert-manager.io/v1` `Issuer` (the self-signed and CA issuers of the development CA). */
export interface Issuer {
  readonly apiVersion?: 'cert-manager.io/v1';
  readonly kind?: 'Issuer';
  readonly metadata?: ObjectMeta;
  readonly spec: { readonly selfSigned?: Record<string, never> } | { readonly ca: { readonly secretName: string } };
}
