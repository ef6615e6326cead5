import { Testing } from 'cdk8s';
import { EXAMPLES } from '../examples';
import { parseHocon } from './support/hocon';
import { K8sObject, synth } from './support/manifests';

describe.each(Object.entries(EXAMPLES))('example %s', (_name, build) => {
  const objects: K8sObject[] = synth(build(Testing.app()));

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
