import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Certificate,
  CertificateSpecPrivateKeyAlgorithm,
  CertificateSpecPrivateKeyRotationPolicy,
  CertificateSpecUsages,
} from '../imports/cert-manager.io';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { ResolvedCertificate } from '../model/resolve-listeners';

/**
 * The cert-manager `Certificate` of one TLS listener. cert-manager writes `tls.crt`, `tls.key` and
 * (for CA issuers) `ca.crt` into the Secret of the same name, which the EMQX pods mount read-only as
 * a directory: a renewed certificate reaches the running pods without a restart (a subPath mount would
 * never update). Every renewal generates a new private key (`rotationPolicy: Always`).
 */
export class ListenerCertificate extends Construct {
  /** The Certificate. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, cert: ResolvedCertificate) {
    super(scope, id);
    const labels = new ClusterLabels(cluster).metadata('tls');
    const rsa = cert.privateKey.algorithm === 'RSA';
    this.resource = new Certificate(this, 'Resource', {
      metadata: { name: cert.name, namespace: cluster.namespace, labels },
      spec: {
        secretName: cert.name,
        secretTemplate: { labels },
        issuerRef: { name: cert.issuerRef.name, kind: cert.issuerRef.kind, group: 'cert-manager.io' },
        dnsNames: cert.dnsNames,
        duration: cert.duration,
        renewBefore: cert.renewBefore,
        privateKey: {
          algorithm: rsa ? CertificateSpecPrivateKeyAlgorithm.RSA : CertificateSpecPrivateKeyAlgorithm.ECDSA,
          size: cert.privateKey.size,
          rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
        },
        // key encipherment only means something for RSA key exchange
        usages: rsa
          ? [CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.DIGITAL_SIGNATURE, CertificateSpecUsages.KEY_ENCIPHERMENT]
          : [CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.DIGITAL_SIGNATURE],
      },
    });
  }
}
