import { EXAMPLES } from '../examples';
import { EmqxCluster } from '../lib/cdk8s/emqx-cluster';
import { parseHocon } from './support/hocon';
import { exampleCharts, K8sObject, synthExample } from './support/manifests';

describe.each(Object.entries(EXAMPLES))('example %s', (_name, build) => {
  const objects: K8sObject[] = synthExample(build);

  test('matches its snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('every object has an explicit name and namespace, and no hashed construct labels', () => {
    for (const o of objects) {
      expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      expect(o.metadata.namespace).toBeDefined();
      expect(JSON.stringify(o)).not.toContain('cdk8s.io/metadata.addr');
    }
  });

  test('no Secret objects and no literal secret values', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toHaveLength(0);
    for (const o of objects) {
      for (const c of o.spec?.template?.spec?.containers ?? []) {
        for (const e of c.env ?? []) if (/COOKIE|PASSWORD|LICENSE|TOKEN|SECRET/.test(e.name)) expect(e.valueFrom?.secretKeyRef).toBeDefined();
      }
    }
  });

  test('every emqx.conf parses as HOCON and disables the listeners it does not declare', async () => {
    const maps = objects.filter((o) => o.kind === 'ConfigMap');
    expect(maps.length).toBeGreaterThan(0);
    for (const cm of maps) {
      for (const [key, text] of Object.entries<string>(cm.data)) {
        if (!key.endsWith('.conf')) continue;
        const conf = await parseHocon(text);
        for (const type of ['tcp', 'ssl', 'ws', 'wss']) expect(conf.listeners[type]).toBeDefined();
        expect(conf.node.data_dir).toBe('data');
      }
    }
  });
});

describe.each(Object.entries(EXAMPLES))('example %s: TLS wiring', (_name, build) => {
  const objects: K8sObject[] = synthExample(build);
  const workloads = objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment');
  const listenerCerts = objects.filter((o) => o.kind === 'Certificate' && !o.spec.isCA);

  test('every file an ssl_options block names is a Secret key mounted read-only in every EMQX workload', async () => {
    for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
      for (const [key, text] of Object.entries<string>(cm.data)) {
        if (!key.endsWith('.conf')) continue;
        const conf = await parseHocon(text);
        const files = Object.values<any>(conf.listeners)
          .flatMap((byName) => Object.values<any>(byName))
          .flatMap((l) => (l.ssl_options ? [l.ssl_options.certfile, l.ssl_options.keyfile, l.ssl_options.cacertfile].filter(Boolean) : []));
        for (const w of workloads.filter((x) => x.metadata.namespace === cm.metadata.namespace)) {
          const spec = w.spec.template.spec;
          const c = spec.containers.find((x: any) => x.name === 'emqx');
          for (const file of files) {
            const dir = file.slice(0, file.lastIndexOf('/'));
            const mount = c.volumeMounts.find((m: any) => m.mountPath === dir);
            expect({ file, mount: mount?.readOnly }).toEqual({ file, mount: true });
            const vol = spec.volumes.find((v: any) => v.name === mount.name);
            expect(vol.secret.items.map((i: any) => i.path)).toContain(file.slice(dir.length + 1));
          }
        }
      }
    }
  });

  test('a device reaching a pod-TLS NLB by its hostname, or a core pod by its headless name, finds that name in the certificate', () => {
    const covers = (name: string) => listenerCerts.some((c) => c.spec.dnsNames.includes(name));
    for (const svc of objects.filter((o) => o.kind === 'Service' && o.spec.type === 'LoadBalancer')) {
      const host = svc.metadata.annotations?.['emqx-constructs.io/hostname'];
      const tlsAtNlb = svc.metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-ssl-cert'];
      const tlsInPod = svc.spec.ports.some((p: any) => /ssl|wss/.test(p.name)) && !tlsAtNlb;
      if (host && tlsInPod) expect(covers(host)).toBe(true);
    }
    for (const cert of listenerCerts) {
      for (const sts of objects.filter((o) => o.kind === 'StatefulSet' && o.metadata.namespace === cert.metadata.namespace)) {
        for (let i = 0; i < sts.spec.replicas; i++) {
          expect(cert.spec.dnsNames).toContain(`${sts.metadata.name}-${i}.${sts.spec.serviceName}.${sts.metadata.namespace}.svc.cluster.local`);
        }
      }
    }
  });
});

describe.each(Object.entries(EXAMPLES))('example %s: checks', (_name, build) => {
  test('every finding is acknowledged with a reason (no open errors or warnings)', () => {
    const clusters = exampleCharts(build).flatMap((chart) => chart.node.findAll().filter((c): c is EmqxCluster => c instanceof EmqxCluster));
    expect(clusters.length).toBeGreaterThan(0);
    for (const c of clusters) {
      const open = c.checks.results().filter((f) => f.acknowledged === undefined);
      expect(open.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
    }
  });
});
