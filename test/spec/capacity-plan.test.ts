import { planCapacity } from '../../lib/model/capacity-plan';
import { resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { Size } from '../../lib/validation/size';

describe('planCapacity', () => {
  test('a small quiet fleet gets the minimum: 3 cores, 2 small replicants, 10Gi', () => {
    const p = planCapacity({ devices: 5_000, messagesPerDevicePerSecond: 0.1 });
    expect(p).toMatchObject({ cores: 3, replicants: 2, storageSize: '10Gi' });
    expect(p.replicantResources.requests).toEqual({ cpu: '1', memory: '2Gi' });
  });

  test('CPU follows connections and message rate (25k active connections, 20k msg/s per vCPU)', () => {
    // 200k devices at 1 msg/s: 8 vCPU for connections + 20 vCPU for 400k msg/s in+out = 28 vCPU -> 4 replicants of 7
    const p = planCapacity({ devices: 200_000, messagesPerDevicePerSecond: 1 });
    expect(p.replicants).toBe(4);
    expect(p.replicantResources.requests?.cpu).toBe('7');
  });

  test('memory follows persistent sessions and queued bytes; storage follows rate × size × retention × replication', () => {
    const p = planCapacity({ devices: 100_000, messagesPerDevicePerSecond: 0.2, persistentSessions: 100_000, queuedMessagesPerSession: 100, messageSize: Size.kibibytes(1), retentionHours: 24, replicationFactor: 3 });
    // CPU: 20k active / 25k + 80k idle / 100k = 1.6 vCPU, 40k msg/s in+out / 20k = 2 vCPU -> 3.6 over 2 replicants -> 2
    // memory: 100k × (8KB + 100KB) ≈ 10.3 GiB over 2 replicants, +1 GiB base each -> 7Gi requests, 13Gi limits
    expect(p.replicantResources).toEqual({ requests: { cpu: '2', memory: '7Gi' }, limits: { memory: '13Gi' } });
    // 20k msg/s × 1 KiB × 86400 s × 3 / 3 cores × 1.5 ≈ 2472 GiB + 5
    expect(p.storageSize).toBe('2477Gi');
    expect(p.notes.join('\n')).toMatch(/durable storage/);
  });

  test('past a million devices: 5 cores; without replicants the cores serve clients', () => {
    expect(planCapacity({ devices: 2_000_000, messagesPerDevicePerSecond: 0.01 }).cores).toBe(5);
    const p = planCapacity({ devices: 50_000, messagesPerDevicePerSecond: 0.5, useReplicants: false });
    expect(p.replicants).toBe(0);
    expect(p.coreResources).toEqual(p.replicantResources);
  });

  test('the plan feeds a cluster spec directly', () => {
    const p = planCapacity({ devices: 300_000, messagesPerDevicePerSecond: 0.5 });
    const c = resolveClusterSpec({
      name: 'fleet', version: '6.0.1', edition: EmqxEdition.ENTERPRISE, license: { secretName: 'l', key: 'k' },
      cores: p.cores, replicants: p.replicants, coreResources: p.coreResources, replicantResources: p.replicantResources, storage: { size: p.storageSize },
    });
    expect(c.replicants).toBe(p.replicants);
  });

  test('bad input names the field', () => {
    expect(() => planCapacity({ devices: 0, messagesPerDevicePerSecond: 1 })).toThrow(/^devices: /);
    expect(() => planCapacity({ devices: 10, messagesPerDevicePerSecond: -1 })).toThrow(/^messagesPerDevicePerSecond: /);
  });
});
