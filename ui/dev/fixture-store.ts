// In-memory state and event streams for the dev fixture; random drift keeps the streams busy so
// live updates can be watched in the browser. A development aid only.
import type { ServerResponse } from 'node:http';
import type { Application, GitRepository, Kustomization } from '../src/api/types.ts';
import { makeApp, makeKustomizations, makeRepos } from './fixture-data.ts';

type Sub = {
  res: ServerResponse;
  key: 'application' | 'object';
  match: (o: { metadata: { name: string } }) => boolean;
  kind: string;
};

export class FixtureStore {
  apps = new Map<string, Application>();
  ks = new Map<string, Kustomization>();
  repos = new Map<string, GitRepository>();
  #subs = new Set<Sub>();
  #rv = 10_000;

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const a = makeApp(i);
      this.apps.set(a.metadata.name, a);
    }
    for (const k of makeKustomizations()) this.ks.set(k.metadata.name, k);
    for (const r of makeRepos()) this.repos.set(r.metadata.name, r);
    setInterval(() => this.#drift(), 3000).unref();
    setInterval(() => {
      for (const s of this.#subs) s.res.write(': ping\n\n');
    }, 15_000).unref();
  }

  nextRv(): string {
    return String(++this.#rv);
  }

  subscribe(kind: string, res: ServerResponse, match: Sub['match']): void {
    const sub: Sub = { res, kind, key: kind === 'applications' ? 'application' : 'object', match };
    this.#subs.add(sub);
    res.on('close', () => this.#subs.delete(sub));
  }

  emit(
    kind: string,
    type: 'ADDED' | 'MODIFIED' | 'DELETED',
    obj: { metadata: { name: string; resourceVersion?: string } },
  ): void {
    obj.metadata.resourceVersion = this.nextRv();
    for (const s of this.#subs) {
      if (s.kind === kind && s.match(obj))
        s.res.write(`data: ${JSON.stringify({ result: { type, [s.key]: obj } })}\n\n`);
    }
  }

  #drift(): void {
    const names = [...this.apps.keys()];
    const name = names[Math.floor(Math.random() * names.length)];
    const app = name ? this.apps.get(name) : undefined;
    if (!app?.status?.health) return;
    app.status.health = { status: app.status.health.status === 'Healthy' ? 'Progressing' : 'Healthy' };
    app.status.reconciledAt = new Date().toISOString();
    this.emit('applications', 'MODIFIED', app);
  }
}
