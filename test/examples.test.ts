import { EXAMPLES } from '../examples';
import { EmqxCluster } from '../lib/cdk8s/emqx-cluster';
import { parseHocon } from './support/hocon';
import { exampleCharts, K8sObject, synthExample } from './support/manifests';

/** Every emqx.conf: the native ConfigMaps' and the EMQX Operator resources' config.data. */
function emqxConfs(objects: K8sObject[]): { namespace: string; text: string; operator: boolean }[] {
  return [
    ...objects.filter((o) => o.kind === 'ConfigMap').flatMap((cm) => Object.entries<string>(cm.data).filter(([k]) => k.endsWith('.conf')).map(([, text]) => ({ namespace: cm.metadata.namespace!, text, operator: false }))),
    ...objects.filter((o) => o.kind === 'EMQX').map((e) => ({ namespace: e.metadata.namespace!, text: e.spec.config.data as string, operator: true })),
  ];
}

/** The EMQX pods' specs: the native workloads' pod templates and the operator's templates (their extra volumes and mounts). */
function emqxPodSpecs(objects: K8sObject[]): { namespace: string; volumes: any[]; mounts: any[]; env: any[] }[] {
  return [
    ...objects
      .filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment')
      .map((w) => {
        const c = w.spec.template.spec.containers.find((x: any) => x.name === 'emqx');
        return { namespace: w.metadata.namespace!, volumes: w.spec.template.spec.volumes, mounts: c.volumeMounts, env: c.env ?? [] };
      }),
    ...objects
      .filter((o) => o.kind === 'EMQX')
      .flatMap((e) => [e.spec.coreTemplate, e.spec.replicantTemplate].filter(Boolean).map((t) => ({ namespace: e.metadata.namespace!, volumes: t.spec.extraVolumes ?? [], mounts: t.spec.extraVolumeMounts ?? [], env: t.spec.env ?? [] }))),
  ];
}

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
    for (const p of emqxPodSpecs(objects)) for (const e of p.env) if (/COOKIE|PASSWORD|LICENSE|TOKEN|SECRET/.test(e.name)) expect(e.valueFrom?.secretKeyRef).toBeDefined();
    // the operator's bootstrap API keys are Secret references, never inline
    for (const e of objects.filter((o) => o.kind === 'EMQX')) for (const k of e.spec.bootstrapAPIKeys ?? []) expect(Object.keys(k)).toEqual(['secretRef']);
  });

  test('every emqx.conf parses as HOCON and disables the listeners it does not declare', async () => {
    const confs = emqxConfs(objects);
    expect(confs.length).toBeGreaterThan(0);
    for (const { text, operator } of confs) {
      const conf = await parseHocon(text);
      for (const type of ['tcp', 'ssl', 'ws', 'wss']) expect(conf.listeners[type]).toBeDefined();
      // the operator sets node.data_dir (EMQX_NODE__DATA_DIR) and the role itself
      if (operator) expect([conf.node?.role, conf.node?.data_dir]).toEqual([undefined, undefined]);
      else expect(conf.node.data_dir).toBe('data');
    }
  });
});

describe.each(Object.entries(EXAMPLES))('example %s: TLS wiring', (_name, build) => {
  const objects: K8sObject[] = synthExample(build);
  const listenerCerts = objects.filter((o) => o.kind === 'Certificate' && !o.spec.isCA);

  test('every file an ssl_options block names is a Secret key mounted read-only in every EMQX workload', async () => {
    for (const { namespace, text } of emqxConfs(objects)) {
      const conf = await parseHocon(text);
      const files = Object.values<any>(conf.listeners)
        .flatMap((byName) => Object.values<any>(byName))
        .flatMap((l) => (l.ssl_options ? [l.ssl_options.certfile, l.ssl_options.keyfile, l.ssl_options.cacertfile].filter(Boolean) : []));
      const pods = emqxPodSpecs(objects).filter((p) => p.namespace === namespace);
      expect(pods.length).toBeGreaterThan(0);
      for (const pod of pods) {
        for (const file of files) {
          const dir = file.slice(0, file.lastIndexOf('/'));
          const mount = pod.mounts.find((m: any) => m.mountPath === dir);
          expect({ file, mount: mount?.readOnly }).toEqual({ file, mount: true });
          const vol = pod.volumes.find((v: any) => v.name === mount.name);
          expect(vol.secret.items.map((i: any) => i.path)).toContain(file.slice(dir.length + 1));
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
      // the operator's core pods are <name>-core-<template hash>-<i> under its <name>-headless Service
      for (const e of objects.filter((o) => o.kind === 'EMQX' && o.metadata.namespace === cert.metadata.namespace)) {
        expect(cert.spec.dnsNames).toContain(`*.${e.metadata.name}-headless.${e.metadata.namespace}.svc.${e.spec.clusterDomain}`);
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
