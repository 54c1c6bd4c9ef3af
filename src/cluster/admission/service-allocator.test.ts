import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { NODE_PORT_RANGE, ServiceAllocator } from './service-allocator.ts';

const service = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'ns' },
  spec,
});

const inRange = (ip: string) => {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 && b! >= 96 && b! < 112;
};

test('cluster IPs are distinct, in 10.96.0.0/12 above its static band, and skip what stored Services hold', () => {
  const stored = [service('taken', { clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'] })];
  const allocator = new ServiceAllocator(() => stored);
  const seen = new Set<string>(['10.96.1.1']);
  for (let i = 0; i < 500; i++) {
    const ip = allocator.allocateClusterIP(service(`s${i}`));
    assert.ok(inRange(ip), ip);
    assert.ok(!seen.has(ip), `${ip} handed out twice`);
    // The lower 256 addresses are left to Services that ask for a fixed IP (kube-dns's .10).
    assert.ok(!/^10\.96\.0\./.test(ip), ip);
    seen.add(ip);
  }
});

test('node ports come from 30000-32767 and never collide with stored ones', () => {
  const stored = [service('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })];
  const allocator = new ServiceAllocator(() => stored);
  const seen = new Set<number>([30080]);
  for (let i = 0; i < 300; i++) {
    const port = allocator.allocateNodePort(service(`s${i}`));
    assert.ok(port >= NODE_PORT_RANGE.first && port <= NODE_PORT_RANGE.last);
    assert.ok(!seen.has(port), `${port} handed out twice`);
    seen.add(port);
  }
});

test('a requested cluster IP or node port that is taken or out of range is refused as upstream words it', () => {
  const stored = [service('a', { clusterIP: '10.96.0.10', ports: [{ port: 53, nodePort: 30053 }] })];
  const allocator = new ServiceAllocator(() => stored);
  assert.deepEqual(
    allocator.checkRequested(service('b', { clusterIP: '10.96.0.10' })).map((e) => e.message),
    [
      'Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    ],
  );
  assert.match(
    allocator.checkRequested(service('b', { clusterIP: '192.168.0.1' }))[0]?.message ?? '',
    /the provided IP \(192\.168\.0\.1\) is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12$/,
  );
  assert.deepEqual(
    allocator
      .checkRequested(
        service('b', {
          type: 'NodePort',
          ports: [
            { port: 1, nodePort: 30053 },
            { port: 2, nodePort: 80 },
          ],
        }),
      )
      .map((e) => `${e.field}: ${e.message}`),
    [
      'spec.ports[0].nodePort: Invalid value: 30053: provided port is already allocated',
      'spec.ports[1].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  );
  // The Service itself (an update) and headless Services ask for nothing that could collide.
  assert.deepEqual(allocator.checkRequested(service('a', { clusterIP: '10.96.0.10' })), []);
  assert.deepEqual(allocator.checkRequested(service('h', { clusterIP: 'None' })), []);
});
