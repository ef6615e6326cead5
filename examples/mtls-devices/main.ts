// Mutual TLS for plant devices on open-source EMQX 5.8: every device presents a certificate from the
// plant's device CA, EMQX verifies it (verify_peer, fail_if_no_peer_cert) and takes the MQTT username
// from its common name, so ACL rules can key on the device identity. TLS ends in the pods because an
// AWS NLB cannot ask for client certificates; the NLB forwards TCP and keeps the device address.
import { App, Chart } from 'cdk8s';
import { EmqxCluster, EmqxEdition, EmqxVersion, Exposure, ListenerType, Peer, Tls, writeReports } from 'emqx-constructs';

export function build(app: App): Chart {
  const chart = new Chart(app, 'mtls-devices', { namespace: 'plant-north', disableResourceNameHashes: true });
  const deviceTls = Tls.certManager({
    // a namespaced cert-manager Issuer backed by the plant's intermediate CA
    issuer: 'plant-north-ca',
    privateKey: { algorithm: 'ECDSA', size: 256 },
    mutualTls: {
      // the CA bundle that signs device certificates (a Secret you keep, e.g. synced by trust-manager)
      clientCa: { secretName: 'plant-north-device-ca', key: 'ca.crt' },
      usernameFrom: 'cn',
    },
  });
  new EmqxCluster(chart, 'Emqx', {
    name: 'plant-north',
    version: EmqxVersion.V5_8_9,
    edition: EmqxEdition.OPEN_SOURCE,
    cores: 3,
    listeners: [
      {
        type: ListenerType.SSL,
        maxConnRate: 500,
        exposure: Exposure.awsNlb({
          name: 'devices',
          scheme: 'internet-facing',
          hostname: 'devices.plant-north.example.com',
          sourceRanges: ['198.51.100.0/24'],
          // TCP NLB listener: the idle timeout can be raised for slow-pinging devices
          idleTimeoutSeconds: 900,
        }),
        tls: deviceTls,
      },
      // browser-based HMIs on the plant network, same device CA
      { type: ListenerType.WSS, tls: deviceTls },
    ],
    mqtt: { deviceKeepaliveSeconds: 600, maxClientIdLength: 128 },
    // deny by default; the certificate CN is the username, so roles key on it: devices publish their own
    // telemetry and read their own commands, the HMIs read every device's telemetry and send commands
    authorization: {
      applications: [
        { usernamePattern: '^device-', publish: ['plant/north/${username}/telemetry/#'], subscribe: ['plant/north/${username}/cmd/#'] },
        { usernamePattern: '^hmi-', subscribe: ['plant/north/+/telemetry/#'], publish: ['plant/north/+/cmd/#'] },
      ],
    },
    monitoring: { targetLabels: { plant: 'north' }, selectorLabels: { release: 'kube-prometheus-stack' } },
    networkPolicies: { vpcCidrs: ['10.2.0.0/16'], dashboardFrom: [Peer.namespace('monitoring')] },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  // the findings report (and a federation's diagram) go beside the manifests folder, never into it
  writeReports(app, 'reports');
}
