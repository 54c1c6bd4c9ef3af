// Placeholder benchmark that measures something real: YAML multi-document parse throughput with
// the `yaml` library every renderer uses, against JSON.parse of the same objects as the reference.
import { parseAllDocuments } from 'yaml';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB, opsPerSecond } from './measure.ts';

function manifest(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels: {app: app-${i}, tier: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{containerPort: 80}]
          env: [{name: MODE, value: production}]
`;
}

export async function run(): Promise<BenchResult> {
  const docs = 200;
  const text = Array.from({ length: docs }, (_, i) => manifest(i)).join('---\n');
  const objects = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  const json = JSON.stringify(objects);
  const yamlRate = await opsPerSecond(() => parseAllDocuments(text).map((d) => d.toJS() as unknown));
  const jsonRate = await opsPerSecond(() => JSON.parse(json) as unknown);
  const mem = memoryMiB();
  return {
    name: 'YAML parse throughput (200 Deployments per stream)',
    lines: [
      `yaml: ${fmt(yamlRate.perSecond * docs)} docs/s (${fmt((yamlRate.perSecond * text.length) / 1048576, 1)} MiB/s)`,
      `JSON.parse reference: ${fmt(jsonRate.perSecond * docs)} docs/s; yaml is ${fmt(jsonRate.perSecond / yamlRate.perSecond, 1)}x slower`,
      `memory: rss ${mem.rss} MiB, heap ${mem.heap} MiB`,
    ],
  };
}
