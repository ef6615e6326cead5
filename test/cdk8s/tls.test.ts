import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { Tls } from '../../lib/model/tls';
import { emqxContainer, findObject, K8sObject, objectsOfKind, synth, testChart } from '../support/manifests';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';
import { Authenticator } from '../../lib/model/authentication';

const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const ANN = 'service.beta.kubernetes.io/aws-load-balancer-';

function render(spec: Partial<EmqxClusterSpec>): K8sObject[] {
  const chart = testChart('iot');
  new EmqxCluster(chart, 'Emqx', { name: 'plant', version: '5.8.9', cores: 3, networkPolicies: TEST_NETWORK_POLICIES, authentication: [Authenticator.builtInDatabase()], ...spec } as EmqxClusterSpec);
  return synth(chart);
}

describe('cert-manager TLS in the pod', () => {
  const objs = render({
    listeners: [
      { type: ListenerType.TCP },
      {
        type: ListenerType.SSL,
        exposure: Exposure.awsNlb({ scheme: 'internet-facing', hostname: 'mqtt.plant.example.com' }),
        tls: Tls.certManager({ clusterIssuer: 'iiot-ca', mutualTls: { clientCa: { secretName: 'device-ca', key: 'ca.crt' }, usernameFrom: 'cn' } }),
      },
    ],
  });
  const cert = findObject(objs, 'Certificate', 'plant-mqtt-ssl-tls');
  const sts = findObject(objs, 'StatefulSet', 'plant-core');
  const c = emqxContainer(sts);

  test('one Certificate per TLS listener: issuer, names, lifetime, key rotation, server usage', () => {
    expect(cert.apiVersion).toBe('cert-manager.io/v1');
    expect(cert.metadata.namespace).toBe('iot');
    expect(cert.spec).toMatchObject({
      secretName: 'plant-mqtt-ssl-tls',
      issuerRef: { name: 'iiot-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      duration: '2160h',
      renewBefore: '720h',
      privateKey: { algorithm: 'RSA', size: 2048, rotationPolicy: 'Always' },
    });
    expect(cert.spec.usages).toContain('server auth');
    expect(cert.spec.dnsNames[0]).toBe('mqtt.plant.example.com');
    expect(cert.spec.dnsNames).toContain('plant-core-2.plant-headless.iot.svc.cluster.local');
    expect(objectsOfKind(objs, 'Certificate')).toHaveLength(1);
    expect(objectsOfKind(objs, 'Issuer')).toHaveLength(0);
  });

  test('the certificate and the client CA are mounted read-only as directories (renewals reach the pod)', () => {
    const vols = sts.spec.template.spec.volumes;
    expect(vols).toContainEqual({ name: 'tls-mqtt-ssl', secret: { secretName: 'plant-mqtt-ssl-tls', defaultMode: 0o440, items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] } });
    expect(vols).toContainEqual({ name: 'ca-mqtt-ssl', secret: { secretName: 'device-ca', defaultMode: 0o440, items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    expect(c.volumeMounts).toContainEqual({ name: 'tls-mqtt-ssl', mountPath: '/opt/emqx/etc/certs/mqtt-ssl', readOnly: true });
    expect(c.volumeMounts).toContainEqual({ name: 'ca-mqtt-ssl', mountPath: '/opt/emqx/etc/certs/mqtt-ssl-client-ca', readOnly: true });
    for (const m of c.volumeMounts.filter((x: any) => x.name.startsWith('tls-') || x.name.startsWith('ca-'))) expect(m.subPath).toBeUndefined();
  });

  test('every file ssl_options names is a mounted Secret key', async () => {
    const cm = findObject(objs, 'ConfigMap', 'plant-config');
    const conf = await parseHocon(cm.data['emqx-core.conf']);
    const opts = conf.listeners.ssl.default.ssl_options;
    const mounted = new Map<string, string[]>();
    for (const m of c.volumeMounts) {
      const vol = sts.spec.template.spec.volumes.find((v: any) => v.name === m.name);
      if (vol?.secret) mounted.set(m.mountPath, vol.secret.items.map((i: any) => i.path));
    }
    for (const file of [opts.certfile, opts.keyfile, opts.cacertfile]) {
      const dir = file.slice(0, file.lastIndexOf('/'));
      expect(mounted.get(dir)).toContain(file.slice(dir.length + 1));
    }
    expect(opts.verify).toBe('verify_peer');
    expect(opts.fail_if_no_peer_cert).toBe(true);
  });

  test('the NLB forwards TCP to the pod (no NLB TLS annotations) and the dashboard stays internal', () => {
    const svc = findObject(objs, 'Service', 'plant-public');
    expect(Object.keys(svc.metadata.annotations!).filter((k) => k.includes('ssl'))).toEqual([]);
    expect(svc.spec.ports).toEqual([{ name: 'mqtt-ssl', port: 8883, targetPort: 'mqtt-ssl', protocol: 'TCP' }]);
    expect(findObject(objs, 'Service', 'plant-dashboard').spec.type).toBe('ClusterIP');
    expect(findObject(objs, 'Service', 'plant-mqtt').spec.ports.map((p: any) => p.port)).toEqual([1883]);
  });
});

describe('development CA chain', () => {
  const objs = render({ listeners: [{ type: ListenerType.SSL, tls: Tls.selfSignedCa() }, { type: ListenerType.WSS, tls: Tls.selfSignedCa() }] });

  test('self-signed Issuer -> CA Certificate -> CA Issuer, rendered once for the cluster', () => {
    expect(findObject(objs, 'Issuer', 'plant-selfsigned').spec).toEqual({ selfSigned: {} });
    const ca = findObject(objs, 'Certificate', 'plant-dev-ca');
    expect(ca.spec).toMatchObject({ isCA: true, secretName: 'plant-dev-ca', issuerRef: { name: 'plant-selfsigned', kind: 'Issuer' } });
    expect(ca.spec.privateKey.rotationPolicy).toBe('Never');
    expect(findObject(objs, 'Issuer', 'plant-dev-ca').spec).toEqual({ ca: { secretName: 'plant-dev-ca' } });
    for (const name of ['plant-mqtt-ssl-tls', 'plant-mqtt-wss-tls']) {
      expect(findObject(objs, 'Certificate', name).spec.issuerRef).toEqual({ name: 'plant-dev-ca', kind: 'Issuer', group: 'cert-manager.io' });
    }
  });

  test('the issuing CA (ca.crt) is mounted and served as cacertfile', () => {
    const vol = findObject(objs, 'StatefulSet', 'plant-core').spec.template.spec.volumes.find((v: any) => v.name === 'tls-mqtt-wss');
    expect(vol.secret.items.map((i: any) => i.key)).toEqual(['tls.crt', 'tls.key', 'ca.crt']);
  });
});

describe('a Secret you manage', () => {
  test('no Certificate is created; the Secret is mounted on cores and replicants alike', () => {
    const objs = render({ version: '5.8.9', edition: undefined, cores: 3, listeners: [{ type: ListenerType.SSL, tls: Tls.fromSecret({ secretName: 'vault-mqtt-tls' }) }] });
    expect(objectsOfKind(objs, 'Certificate')).toHaveLength(0);
    const vol = findObject(objs, 'StatefulSet', 'plant-core').spec.template.spec.volumes.find((v: any) => v.name === 'tls-mqtt-ssl');
    expect(vol.secret.secretName).toBe('vault-mqtt-tls');
  });

  test('replicants mount the same certificate as cores', () => {
    const objs = render({ version: '6.0.1', cores: 3, replicants: 2, license: { secretName: 'l', key: 'k' }, listeners: [{ type: ListenerType.SSL, tls: Tls.fromSecret({ secretName: 'vault-mqtt-tls' }) }] });
    const mounts = (kind: string, name: string) => emqxContainer(findObject(objs, kind, name)).volumeMounts.filter((m: any) => m.name === 'tls-mqtt-ssl');
    expect(mounts('Deployment', 'plant-replicant')).toEqual(mounts('StatefulSet', 'plant-core'));
    expect(mounts('Deployment', 'plant-replicant')).toHaveLength(1);
  });
});

describe('TLS at the NLB', () => {
  const nlb = Exposure.awsNlb({ scheme: 'internet-facing', hostname: 'mqtt.example.com', idleTimeoutSeconds: 1200 });
  const objs = render({
    listeners: [
      { type: ListenerType.SSL, exposure: nlb, tls: Tls.atNlb({ certificateArns: [ARN] }) },
      { type: ListenerType.TCP, name: 'legacy', port: 1883, exposure: nlb, proxyProtocol: true },
    ],
    acknowledgements: [{ id: 'EMQX-PlaintextOnPublicNlb', reason: 'legacy devices without TLS, migrating by Q3' }],
  });
  const svc = findObject(objs, 'Service', 'plant-public');
  const ann = svc.metadata.annotations!;

  test('ACM certificate, TLS ports, a TLS 1.2+ policy and PROXY protocol v2 on the NLB', () => {
    expect(ann[`${ANN}ssl-cert`]).toBe(ARN);
    expect(ann[`${ANN}ssl-ports`]).toBe('8883');
    expect(ann[`${ANN}ssl-negotiation-policy`]).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(ann[`${ANN}proxy-protocol`]).toBe('*');
  });

  test('the idle timeout goes to the TCP listener only (TLS listeners are fixed at 350 s)', () => {
    expect(ann[`${ANN}listener-attributes.TCP-1883`]).toBe('tcp.idle_timeout.seconds=1200');
    expect(ann[`${ANN}listener-attributes.TCP-8883`]).toBeUndefined();
  });

  test('no Certificate, no certificate volume; the Service targets the plain listener port', async () => {
    expect(objectsOfKind(objs, 'Certificate')).toHaveLength(0);
    const sts = findObject(objs, 'StatefulSet', 'plant-core');
    expect(sts.spec.template.spec.volumes.filter((v: any) => v.secret)).toEqual([]);
    expect(svc.spec.ports).toContainEqual({ name: 'mqtt-ssl', port: 8883, targetPort: 'mqtt-ssl', protocol: 'TCP' });
    const conf = await parseHocon(findObject(objs, 'ConfigMap', 'plant-config').data['emqx-core.conf']);
    expect(conf.listeners.tcp.nlb_default.proxy_protocol).toBe(true);
    expect(conf.listeners.tcp.legacy.proxy_protocol).toBe(true);
  });
});

describe('every listener type × exposure × TLS source', () => {
  const sources: Record<string, () => Tls | undefined> = {
    none: () => undefined,
    certManager: () => Tls.certManager({ clusterIssuer: 'iiot-ca' }),
    mutual: () => Tls.certManager({ issuer: 'ca', mutualTls: { usernameFrom: 'cn' } }),
    selfSignedCa: () => Tls.selfSignedCa(),
    fromSecret: () => Tls.fromSecret({ secretName: 'my-tls' }),
    atNlb: () => Tls.atNlb({ certificateArns: [ARN] }),
  };
  const exposures: Record<string, () => Exposure> = { clusterIp: () => Exposure.clusterIp(), nlb: () => Exposure.awsNlb({ hostname: 'mqtt.example.com' }) };
  const cases = Object.values(ListenerType).flatMap((type) => Object.keys(exposures).flatMap((e) => Object.keys(sources).map((s) => [type, e, s] as const)));

  test.each(cases)('%s on %s with %s', async (type, exposure, source) => {
    const secure = type === ListenerType.SSL || type === ListenerType.WSS;
    const valid = secure ? source !== 'none' && (source !== 'atNlb' || exposure === 'nlb') : source === 'none';
    const build = () => render({ listeners: [{ type, exposure: exposures[exposure](), tls: sources[source]() }] });
    if (!valid) {
      expect(build).toThrow(/^listeners\[0\]\.(tls|exposure): /);
      return;
    }
    const objs = build();
    const conf = await parseHocon(findObject(objs, 'ConfigMap', 'plant-config').data['emqx-core.conf']);
    const emqxType = source === 'atNlb' ? (type === ListenerType.SSL ? 'tcp' : 'ws') : type;
    const emqxName = source === 'atNlb' ? 'nlb_default' : 'default';
    const l = conf.listeners[emqxType][emqxName];
    expect(l.enable).toBe(true);
    expect(l.bind).toBe(`0.0.0.0:${({ tcp: 1883, ssl: 8883, ws: 8083, wss: 8084 } as const)[type]}`);
    expect(Boolean(l.ssl_options)).toBe(secure && source !== 'atNlb');
    expect(l.ssl_options?.verify).toBe(source === 'mutual' ? 'verify_peer' : undefined);
    expect(Boolean(l.proxy_protocol)).toBe(source === 'atNlb');
    // every listener type EMQX has is either ours or switched off
    for (const t of Object.values(ListenerType)) for (const [n, body] of Object.entries<any>(conf.listeners[t])) expect(body.enable).toBe(t === emqxType && n === emqxName);
    const certs = objectsOfKind(objs, 'Certificate');
    expect(certs.length).toBe({ none: 0, certManager: 1, mutual: 1, selfSignedCa: 2, fromSecret: 0, atNlb: 0 }[source]);
    const svc = findObject(objs, 'Service', exposure === 'nlb' ? 'plant-public' : 'plant-mqtt');
    expect(svc.spec.ports.map((p: any) => p.targetPort)).toEqual([`mqtt-${type}`]);
    expect(Boolean(svc.metadata.annotations?.[`${ANN}ssl-cert`])).toBe(source === 'atNlb');
  });
});
