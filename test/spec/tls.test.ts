import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { ResolvedNlbTls, ResolvedPodTls } from '../../lib/model/resolve-listeners';
import { goDurationHours, Tls } from '../../lib/model/tls';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const base: EmqxClusterSpec = { name: 'plant', namespace: 'iot', version: '5.8.9', networkPolicies: TEST_NETWORK_POLICIES };
const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const issuer = () => Tls.certManager({ clusterIssuer: 'iiot-ca' });

function resolve(spec: Partial<EmqxClusterSpec>) {
  return resolveClusterSpec({ ...base, ...spec } as EmqxClusterSpec);
}

function fails(run: () => unknown, field: string, message: RegExp): void {
  expect(run).toThrow(EmqxSpecError);
  expect(run).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
  expect(run).toThrow(message);
}

async function conf(spec: Partial<EmqxClusterSpec>): Promise<any> {
  return parseHocon(renderEmqxConfig(resolve(spec), 'core'));
}

describe('Tls sources: early errors naming the field, value and fix', () => {
  test('cert-manager needs exactly one issuer kind, with valid names', () => {
    fails(() => Tls.certManager({}), 'tls.issuer', /exactly one of issuer and clusterIssuer/);
    fails(() => Tls.certManager({ issuer: 'a', clusterIssuer: 'b' }), 'tls.issuer', /exactly one/);
    fails(() => Tls.certManager({ clusterIssuer: 'Lets_Encrypt' }), 'tls.clusterIssuer', /not a valid ClusterIssuer name/);
  });

  test('durations are Go durations, renewBefore shorter than duration', () => {
    fails(() => Tls.certManager({ issuer: 'ca', duration: '90d' }), 'tls.duration', /not a Go duration/);
    fails(() => Tls.certManager({ issuer: 'ca', duration: '720h', renewBefore: '720h' }), 'tls.renewBefore', /shorter than the duration/);
    fails(() => Tls.selfSignedCa({ duration: '30m' }), 'tls.duration', /shorter than cert-manager accepts/);
    expect(goDurationHours('2160h')).toBe(2160);
    expect(goDurationHours('1h30m')).toBe(1.5);
  });

  test('key algorithm and size', () => {
    fails(() => Tls.certManager({ issuer: 'ca', privateKey: { algorithm: 'DSA' as any } }), 'tls.privateKey.algorithm', /RSA' or 'ECDSA/);
    fails(() => Tls.certManager({ issuer: 'ca', privateKey: { algorithm: 'ECDSA', size: 2048 } }), 'tls.privateKey.size', /256, 384, 521/);
  });

  test('extra DNS names and mutual-TLS fields are validated', () => {
    fails(() => Tls.certManager({ issuer: 'ca', extraDnsNames: ['MQTT.example.com'] }), 'tls.extraDnsNames[0]', /not a DNS name/);
    fails(() => Tls.certManager({ issuer: 'ca', mutualTls: { usernameFrom: 'email' as any } }), 'tls.mutualTls.usernameFrom', /cn, dn, crt, pem, md5/);
    fails(() => Tls.fromSecret({ secretName: 'tls', mutualTls: { clientCa: { secretName: 'device-ca', key: 'ca crt' } } }), 'tls.mutualTls.clientCa.key', /not a valid Secret key/);
    fails(() => Tls.fromSecret({ secretName: 'My_Secret' }), 'tls.secretName', /not a valid Secret name/);
  });

  test('NLB TLS needs ACM ARNs and refuses mutual TLS (AWS NLBs never ask for client certificates)', () => {
    fails(() => Tls.atNlb({ certificateArns: [] }), 'tls.certificateArns', /at least one/);
    fails(() => Tls.atNlb({ certificateArns: ['my-cert'] }), 'tls.certificateArns[0]', /not an ACM or IAM certificate ARN/);
    fails(() => Tls.atNlb({ certificateArns: [ARN], sslPolicy: 'modern' }), 'tls.sslPolicy', /ELB security policy/);
    fails(() => Tls.atNlb({ certificateArns: [ARN], mutualTls: {} } as any), 'tls.mutualTls', /do not support mutual TLS/);
    expect(Tls.atNlb({ certificateArns: [ARN] }).options.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });
});

describe('listener + TLS combinations at resolve time', () => {
  test('ssl and wss need a certificate source; tcp and ws refuse one', () => {
    fails(() => resolve({ listeners: [{ type: ListenerType.WSS }] }), 'listeners[0].tls', /needs a certificate source/);
    fails(() => resolve({ listeners: [{ type: ListenerType.TCP, tls: issuer() }] }), 'listeners[0].tls', /carries no TLS.*use type ssl/);
    fails(() => resolve({ listeners: [{ type: ListenerType.WS, tls: issuer() }] }), 'listeners[0].tls', /use type wss/);
    fails(() => resolve({ listeners: [{ type: ListenerType.SSL, tls: { source: 'nlb' } as any }] }), 'listeners[0].tls', /not a TLS source/);
  });

  test('TLS at the NLB needs an NLB exposure and PROXY protocol (set by the library, refused when turned off)', () => {
    fails(() => resolve({ listeners: [{ type: ListenerType.SSL, tls: Tls.atNlb({ certificateArns: [ARN] }) }] }), 'listeners[0].exposure', /needs the listener exposed on an AWS NLB/);
    fails(() => resolve({ listeners: [{ type: ListenerType.SSL, proxyProtocol: false, exposure: Exposure.awsNlb(), tls: Tls.atNlb({ certificateArns: [ARN] }) }] }), 'listeners[0].proxyProtocol', /PROXY protocol v2/);
    const c = resolve({ listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb(), tls: Tls.atNlb({ certificateArns: [ARN] }) }] });
    const l = c.listeners[0];
    expect(l).toMatchObject({ type: 'ssl', emqxType: 'tcp', emqxName: 'nlb_default', port: 8883, proxyProtocol: true, serviceName: 'plant-public' });
    expect((l.tls as ResolvedNlbTls).certificateArns).toEqual([ARN]);
  });

  test('a plain listener sharing an NLB with TLS-at-NLB must take PROXY protocol too', () => {
    const nlb = Exposure.awsNlb();
    fails(() => resolve({ listeners: [
      { type: ListenerType.SSL, exposure: nlb, tls: Tls.atNlb({ certificateArns: [ARN] }) },
      { type: ListenerType.TCP, exposure: nlb },
    ] }), 'listeners[1].proxyProtocol', /TLS at the NLB turns it on/);
  });

  test('TLS listeners on one NLB share its certificate list', () => {
    const nlb = Exposure.awsNlb();
    fails(() => resolve({ listeners: [
      { type: ListenerType.SSL, exposure: nlb, tls: Tls.atNlb({ certificateArns: [ARN] }) },
      { type: ListenerType.WSS, exposure: nlb, tls: Tls.atNlb({ certificateArns: [ARN.replace('0a1b', 'ffff')] }) },
    ] }), 'listeners[1].tls', /one certificate list and security policy/);
  });

  test('the EMQX-side listener of TLS-at-NLB cannot collide with a declared one', () => {
    fails(() => resolve({ listeners: [
      { type: ListenerType.TCP, name: 'nlb_default', port: 1884 },
      { type: ListenerType.SSL, exposure: Exposure.awsNlb(), tls: Tls.atNlb({ certificateArns: [ARN] }) },
    ] }), 'listeners[1].name', /listeners.tcp.nlb_default is already declared by listeners\[0\]/);
  });

  test('a certificate with no names is refused', () => {
    fails(() => resolve({ listeners: [{ type: ListenerType.SSL, tls: Tls.certManager({ clusterIssuer: 'letsencrypt', internalNames: false }) }] }), 'listeners[0].tls', /would name no host/);
  });

  test('peer_cert_as_username is cluster-wide: mutual-TLS listeners must agree', () => {
    fails(() => resolve({ listeners: [
      { type: ListenerType.SSL, tls: Tls.certManager({ issuer: 'ca', mutualTls: { usernameFrom: 'cn' } }) },
      { type: ListenerType.WSS, tls: Tls.certManager({ issuer: 'ca', mutualTls: { usernameFrom: 'dn' } }) },
    ] }), 'listeners[1].tls.mutualTls.usernameFrom', /one mqtt.peer_cert_as_username for the whole cluster/);
  });
});

describe('NLB idle timeout', () => {
  test('is range-checked and refused on an NLB that has only TLS listeners (AWS fixes those at 350 s)', () => {
    fails(() => Exposure.awsNlb({ idleTimeoutSeconds: 30 }), 'exposure.idleTimeoutSeconds', /60 to 6000/);
    fails(() => Exposure.awsNlb({ idleTimeoutSeconds: 300.5 }), 'exposure.idleTimeoutSeconds', /60 to 6000/);
    fails(() => resolve({ listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb({ idleTimeoutSeconds: 900 }), tls: Tls.atNlb({ certificateArns: [ARN] }) }] }),
      'exposure.idleTimeoutSeconds', /only TLS listeners/);
  });

  test('keepalives are range-checked (MQTT keepalive is 16 bits)', () => {
    fails(() => resolve({ mqtt: { deviceKeepaliveSeconds: 70000 } }), 'mqtt.deviceKeepaliveSeconds', /from 1 to 65535/);
    fails(() => resolve({ mqtt: { serverKeepaliveSeconds: 0 } }), 'mqtt.serverKeepaliveSeconds', /from 1 to 65535/);
  });
});

describe('certificate names', () => {
  test('public hostname, the Service in every form, and every core pod behind the headless Service', () => {
    const c = resolve({
      cores: 3,
      listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb({ hostname: 'mqtt.plant.example.com' }), tls: Tls.certManager({ clusterIssuer: 'iiot-ca', extraDnsNames: ['mqtt.plant.internal'] }) }],
    });
    const tls = c.listeners[0].tls as ResolvedPodTls;
    expect(tls.certificate!.dnsNames).toEqual([
      'mqtt.plant.example.com',
      'plant-public', 'plant-public.iot', 'plant-public.iot.svc', 'plant-public.iot.svc.cluster.local',
      'plant-core-0.plant-headless.iot.svc.cluster.local',
      'plant-core-1.plant-headless.iot.svc.cluster.local',
      'plant-core-2.plant-headless.iot.svc.cluster.local',
      'mqtt.plant.internal',
    ]);
    expect(tls.certificate).toMatchObject({ name: 'plant-mqtt-ssl-tls', issuerRef: { name: 'iiot-ca', kind: 'ClusterIssuer' }, duration: '2160h', renewBefore: '720h', privateKey: { algorithm: 'RSA', size: 2048 } });
  });

  test('every core pod name equals the host part of that core node name', () => {
    const c = resolve({ cores: 5, clusterDomain: 'k8s.example', listeners: [{ type: ListenerType.SSL, tls: issuer() }] });
    const names = (c.listeners[0].tls as ResolvedPodTls).certificate!.dnsNames;
    for (const node of c.coreNodeNames) expect(names).toContain(node.split('@')[1]);
  });

  test('internalNames: false keeps only the public names (for ACME issuers)', () => {
    const c = resolve({ listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb({ hostname: 'mqtt.example.com' }), tls: Tls.certManager({ clusterIssuer: 'letsencrypt', internalNames: false }) }] });
    expect((c.listeners[0].tls as ResolvedPodTls).certificate!.dnsNames).toEqual(['mqtt.example.com']);
  });

  test('selfSignedCa issues from the cluster dev CA Issuer; a namespaced Issuer is kind Issuer', () => {
    const c = resolve({ listeners: [{ type: ListenerType.SSL, tls: Tls.selfSignedCa() }, { type: ListenerType.WSS, tls: Tls.certManager({ issuer: 'ns-ca', privateKey: { algorithm: 'ECDSA' } }) }] });
    expect(c.usesDevCa).toBe(true);
    expect((c.listeners[0].tls as ResolvedPodTls).certificate!.issuerRef).toEqual({ name: 'plant-dev-ca', kind: 'Issuer' });
    expect((c.listeners[1].tls as ResolvedPodTls).certificate).toMatchObject({ issuerRef: { name: 'ns-ca', kind: 'Issuer' }, privateKey: { algorithm: 'ECDSA', size: 256 } });
  });
});

describe('emqx.conf for TLS listeners', () => {
  test('TLS in the pod: ssl_options name the mounted files; no client verification by default', async () => {
    const c = await conf({ listeners: [{ type: ListenerType.SSL, tls: issuer() }] });
    expect(c.listeners.ssl.default).toEqual({
      enable: true,
      bind: '0.0.0.0:8883',
      ssl_options: { certfile: '/opt/emqx/etc/certs/mqtt-ssl/tls.crt', keyfile: '/opt/emqx/etc/certs/mqtt-ssl/tls.key' },
    });
    expect(c.listeners.tcp.default).toEqual({ enable: false });
    expect(c.listeners.wss.default).toEqual({ enable: false });
  });

  test('mutual TLS: verify_peer, fail_if_no_peer_cert, the client CA file, certificate identity in mqtt', async () => {
    const c = await conf({ listeners: [{ type: ListenerType.SSL, tls: Tls.certManager({ issuer: 'ca', mutualTls: { clientCa: { secretName: 'device-ca', key: 'bundle.pem' }, usernameFrom: 'cn', clientIdFrom: 'cn' } }) }] });
    expect(c.listeners.ssl.default.ssl_options).toEqual({
      certfile: '/opt/emqx/etc/certs/mqtt-ssl/tls.crt',
      keyfile: '/opt/emqx/etc/certs/mqtt-ssl/tls.key',
      cacertfile: '/opt/emqx/etc/certs/mqtt-ssl-client-ca/bundle.pem',
      verify: 'verify_peer',
      fail_if_no_peer_cert: true,
    });
    expect(c.mqtt).toEqual({ peer_cert_as_username: 'cn', peer_cert_as_clientid: 'cn', strict_mode: false });
  });

  test('mutual TLS without a client CA Secret trusts the issuing CA (ca.crt next to the certificate)', async () => {
    const c = await conf({ listeners: [{ type: ListenerType.WSS, tls: Tls.selfSignedCa({ mutualTls: {} }) }] });
    expect(c.listeners.wss.default.ssl_options.cacertfile).toBe('/opt/emqx/etc/certs/mqtt-wss/ca.crt');
    expect(c.listeners.wss.default.websocket).toEqual({ mqtt_path: '/mqtt' });
  });

  test('TLS at the NLB: a plain tcp listener with proxy_protocol; the ssl default stays off', async () => {
    const c = await conf({ listeners: [
      { type: ListenerType.TCP },
      { type: ListenerType.SSL, exposure: Exposure.awsNlb(), tls: Tls.atNlb({ certificateArns: [ARN] }) },
    ] });
    expect(c.listeners.tcp.nlb_default).toEqual({ enable: true, bind: '0.0.0.0:8883', proxy_protocol: true });
    expect(c.listeners.tcp.default).toEqual({ enable: true, bind: '0.0.0.0:1883' });
    expect(c.listeners.ssl).toEqual({ default: { enable: false } });
    expect(JSON.stringify(c)).not.toMatch(/ssl_options|arn:aws/);
  });

  test('wss at the NLB becomes a ws listener keeping its path', async () => {
    const c = await conf({ listeners: [{ type: ListenerType.WSS, websocketPath: '/devices', exposure: Exposure.awsNlb(), tls: Tls.atNlb({ certificateArns: [ARN] }) }] });
    expect(c.listeners.ws.nlb_default).toEqual({ enable: true, bind: '0.0.0.0:8084', proxy_protocol: true, websocket: { mqtt_path: '/devices' } });
    expect(c.listeners.wss).toEqual({ default: { enable: false } });
  });

  test('server_keepalive is written when set', async () => {
    expect((await conf({ mqtt: { serverKeepaliveSeconds: 120, deviceKeepaliveSeconds: 60 } })).mqtt).toEqual({ server_keepalive: 120, strict_mode: false });
  });
});
