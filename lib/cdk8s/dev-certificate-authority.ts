import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import type { Certificate, Issuer } from './cert-manager-api';
import { kubeObject } from './kube-object';

/**
 * A development CA chain in the cluster's namespace, for `Tls.selfSignedCa()`: a self-signed Issuer
 * (`<cluster>-selfsigned`) signs a CA Certificate (`<cluster>-dev-ca`, one year), and the CA Issuer
 * `<cluster>-dev-ca` signs the listener certificates with it. Devices and test clients trust
 * `ca.crt` of Secret `<cluster>-dev-ca`. Not for production: nothing outside the namespace vouches for it.
 */
export class DevCertificateAuthority extends Construct {
  /** The self-signed Issuer that signs the CA certificate. */
  public readonly selfSignedIssuer: ApiObject;
  /** The development CA Certificate. */
  public readonly caCertificate: ApiObject;
  /** The Issuer that signs the listeners' certificates with the development CA. */
  public readonly caIssuer: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster).metadata('tls');
    const meta = (name: string) => ({ name, namespace: cluster.namespace, labels });
    this.selfSignedIssuer = kubeObject<Issuer>(this, 'SelfSigned', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: meta(cluster.names.selfSignedIssuer),
      spec: { selfSigned: {} },
    });
    this.caCertificate = kubeObject<Certificate>(this, 'Ca', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta(cluster.names.devCa),
      spec: {
        isCA: true,
        commonName: `${cluster.name} development CA`,
        secretName: cluster.names.devCa,
        secretTemplate: { labels },
        duration: '8760h',
        renewBefore: '720h',
        // re-keying the CA at renewal would invalidate every certificate it issued
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Never' },
        issuerRef: { name: cluster.names.selfSignedIssuer, kind: 'Issuer', group: 'cert-manager.io' },
      },
    });
    this.caIssuer = kubeObject<Issuer>(this, 'CaIssuer', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: meta(cluster.names.devCa),
      spec: { ca: { secretName: cluster.names.devCa } },
    });
  }
}
