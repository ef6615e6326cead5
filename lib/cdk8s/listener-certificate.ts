import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { ResolvedCertificate } from '../model/resolve-listeners';
import type { Certificate } from './cert-manager-api';
import { kubeObject } from './kube-object';

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
    this.resource = kubeObject<Certificate>(this, 'Resource', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: cert.name, namespace: cluster.namespace, labels },
      spec: {
        secretName: cert.name,
        secretTemplate: { labels },
        issuerRef: { name: cert.issuerRef.name, kind: cert.issuerRef.kind, group: 'cert-manager.io' },
        dnsNames: cert.dnsNames,
        duration: cert.duration,
        renewBefore: cert.renewBefore,
        privateKey: {
          algorithm: rsa ? 'RSA' : 'ECDSA',
          size: cert.privateKey.size,
          rotationPolicy: 'Always',
        },
        // key encipherment only means something for RSA key exchange
        usages: rsa
          ? ['server auth', 'digital signature', 'key encipherment']
          : ['server auth', 'digital signature'],
      },
    });
  }
}
