import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { BACKUP_SCRIPT, RESTORE_SCRIPT } from '../../lib/model/backup-spec';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Peer } from '../../lib/network/network-peer';
import { findObject, K8sObject, synth, testChart } from '../support/manifests';

const backup = { bucket: 'emqx-backups', region: 'eu-west-1', apiKey: { secretName: 'backup-key' }, roleArn: 'arn:aws:iam::123456789012:role/emqx-backup' };

function render(spec: Partial<EmqxClusterSpec> = {}): K8sObject[] {
  const chart = testChart('iot');
  new EmqxCluster(chart, 'Emqx', { name: 'plant', version: '5.8.9', cores: 3, backup, networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] }, ...spec } as EmqxClusterSpec);
  return synth(chart);
}

describe('backup CronJob', () => {
  const objs = render();
  const job = findObject(objs, 'CronJob', 'plant-backup');
  const pod = job.spec.jobTemplate.spec.template.spec;
  const env = Object.fromEntries(pod.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

  test('daily, never concurrent, with the IRSA role on its own ServiceAccount', () => {
    expect(job.spec).toMatchObject({ schedule: '17 2 * * *', concurrencyPolicy: 'Forbid' });
    expect(pod.serviceAccountName).toBe('plant-backup');
    expect(findObject(objs, 'ServiceAccount', 'plant-backup').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': backup.roleArn });
  });

  test('talks to the dashboard Service, uploads to the bucket under <namespace>/<cluster>, API key from the Secret', () => {
    expect(env.EMQX_URL).toBe('http://plant-dashboard.iot.svc.cluster.local:18083');
    expect(env).toMatchObject({ BUCKET: 'emqx-backups', PREFIX: 'iot/plant', AWS_REGION: 'eu-west-1' });
    expect(env.API_KEY).toEqual({ secretKeyRef: { name: 'backup-key', key: 'api-key' } });
    expect(env.API_SECRET).toEqual({ secretKeyRef: { name: 'backup-key', key: 'api-secret' } });
  });

  test('the dashboard policy admits the backup pods; EMQX policies do not isolate them', () => {
    const labels = job.spec.jobTemplate.spec.template.metadata.labels;
    const from = findObject(objs, 'NetworkPolicy', 'plant-dashboard').spec.ingress[0].from;
    expect(from).toContainEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': labels['app.kubernetes.io/name'], 'app.kubernetes.io/instance': 'plant' } } });
    const deny = findObject(objs, 'NetworkPolicy', 'plant-default-deny').spec.podSelector.matchLabels;
    expect(Object.entries(deny).every(([k, v]) => labels[k] === v)).toBe(false);
  });

  test('REST export exists from 5.4; bad input names the field', () => {
    expect(() => resolveClusterSpec({ name: 'p', version: '5.1.6', backup })).toThrow(/^backup: .*exists from 5.4/);
    expect(() => resolveClusterSpec({ name: 'p', version: '5.8.9', backup: { ...backup, bucket: 'My_Bucket' } })).toThrow(/^backup.bucket: /);
    expect(() => resolveClusterSpec({ name: 'p', version: '5.8.9', backup: { ...backup, schedule: 'daily' } })).toThrow(/^backup.schedule: /);
  });
});

describe('backup and restore scripts, run against stand-ins for curl and aws', () => {
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'));
    log = path.join(dir, 'calls.log');
    // curl: answers the export call, writes the archive for the download, records every call
    fs.writeFileSync(path.join(dir, 'curl'), `#!/bin/sh
echo "curl $*" >> "${log}"
out=""; prev=""
for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
case "$*" in
  *data/export*) printf '{"created_at":"2026-11-22T02:17:00Z","filename":"emqx-export-2026-11-22-02-17-00.123.tar.gz","node":"emqx@plant-core-1.plant-headless.iot.svc.cluster.local","size":2048}' ;;
  *data/files/*) [ -n "$out" ] && echo archive > "$out" ;;
esac
`, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'aws'), `#!/bin/sh\necho "aws $*" >> "${log}"\ncase "$*" in s3\\ cp\\ s3://*) echo archive > "$4" ;; esac\n`, { mode: 0o755 });
  });

  const run = (script: string, env: Record<string, string>) =>
    execFileSync('/bin/sh', ['-c', script], { env: { PATH: `${dir}:/usr/bin:/bin`, API_KEY: 'k', API_SECRET: 's', EMQX_URL: 'http://emqx:18083', ...env }, encoding: 'utf8' });

  test('backup: export, download from the node that wrote it, upload under a timestamped key', () => {
    const out = run(BACKUP_SCRIPT, { BUCKET: 'b', PREFIX: 'iot/plant' });
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe("curl -fsS -u k:s -H content-type: application/json -X POST -d {} http://emqx:18083/api/v5/data/export");
    expect(calls[1]).toMatch(/^curl -fsS -u k:s -o \/tmp\/emqx-export-2026-11-22-02-17-00\.123\.tar\.gz http:\/\/emqx:18083\/api\/v5\/data\/files\/emqx-export-2026-11-22-02-17-00\.123\.tar\.gz\?node=emqx@plant-core-1\.plant-headless\.iot\.svc\.cluster\.local$/);
    expect(calls[2]).toMatch(/^aws s3 cp \/tmp\/emqx-export-2026-11-22-02-17-00\.123\.tar\.gz s3:\/\/b\/iot\/plant\/\d{8}T\d{6}Z-emqx-export-2026-11-22-02-17-00\.123\.tar\.gz$/);
    expect(out).toMatch(/backed up emqx-export/);
  });

  test('backup fails loudly on an unexpected answer', () => {
    fs.writeFileSync(path.join(dir, 'curl'), '#!/bin/sh\nprintf \'{"code":"INTERNAL_ERROR"}\'\n', { mode: 0o755 });
    expect(() => run(BACKUP_SCRIPT, { BUCKET: 'b', PREFIX: 'p' })).toThrow(/unexpected export response/);
  });

  test('restore: fetch the object, upload it under its original name (EMQX refuses renamed archives), import it', () => {
    run(RESTORE_SCRIPT, { BUCKET: 'b', KEY: 'iot/plant/20261122T021700Z-emqx-export-2026-11-22-02-17-00.123.tar.gz' });
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toMatch(/^aws s3 cp s3:\/\/b\/iot\/plant\/20261122T021700Z-emqx-export/);
    expect(calls[1]).toBe('curl -fsS -u k:s -F filename=@/tmp/emqx-export-2026-11-22-02-17-00.123.tar.gz http://emqx:18083/api/v5/data/files');
    expect(calls[2]).toBe('curl -fsS -u k:s -H content-type: application/json -X POST -d {"filename": "emqx-export-2026-11-22-02-17-00.123.tar.gz"} http://emqx:18083/api/v5/data/import');
  });
});

describe("the backup job's API key exists from the first run (api_key.bootstrap_file)", () => {
  const monitoring = { apiKey: { secretName: 'metrics-key' } };
  const objs = render({ monitoring, networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] } });
  const pod = findObject(objs, 'StatefulSet', 'plant-core').spec.template.spec;
  const init = pod.initContainers.find((c: any) => c.name === 'api-keys');

  test('an init container of the EMQX image writes the file into a memory volume the node reads; secrets come from the Secrets', () => {
    expect(init.image).toBe(pod.containers[0].image);
    expect(init.env).toEqual([
      { name: 'BACKUP_API_KEY', valueFrom: { secretKeyRef: { name: 'backup-key', key: 'api-key' } } },
      { name: 'BACKUP_API_SECRET', valueFrom: { secretKeyRef: { name: 'backup-key', key: 'api-secret' } } },
    ]);
    expect(init.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(pod.volumes).toContainEqual({ name: 'api-keys', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'api-keys', mountPath: '/opt/emqx/etc/api-keys', readOnly: true });
    const conf = findObject(objs, 'ConfigMap', 'plant-config').data['emqx-core.conf'];
    expect(conf).toContain('bootstrap_file = "/opt/emqx/etc/api-keys/bootstrap"');
  });

  test.each([['with', 'scraper:s3cret:viewer\n'], ['without', 'scraper:s3cret:viewer']])('the script writes the metrics line (%s a final newline) then key:secret:administrator, readable by its owner only', (_, metricsLine) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-keys-'));
    fs.mkdirSync(path.join(dir, 'out'));
    fs.mkdirSync(path.join(dir, 'metrics'));
    fs.writeFileSync(path.join(dir, 'metrics', 'bootstrap'), metricsLine);
    const script = (init.command[2] as string).split('/api-keys/').join(`${dir}/out/`).split('/metrics-api-key/').join(`${dir}/metrics/`);
    execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH, BACKUP_API_KEY: 'backup', BACKUP_API_SECRET: 'b4ckup' } });
    const file = path.join(dir, 'out', 'bootstrap');
    expect(fs.readFileSync(file, 'utf8')).toBe('scraper:s3cret:viewer\nbackup:b4ckup:administrator\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test('without a backup job the metrics key is mounted as before (no init container)', () => {
    const noBackup = findObject(render({ backup: undefined, monitoring, networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] } }), 'StatefulSet', 'plant-core').spec.template.spec;
    expect(noBackup.initContainers).toBeUndefined();
    expect(noBackup.volumes).toContainEqual({ name: 'api-keys', secret: { secretName: 'metrics-key', defaultMode: 0o440, items: [{ key: 'bootstrap', path: 'bootstrap' }] } });
  });
});
