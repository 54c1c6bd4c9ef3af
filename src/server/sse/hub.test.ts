// The SSE hub over real HTTP: keep-alives, per-subscriber RBAC views, slow consumers cut off,
// sessions ending streams, clean close on both sides.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Enforcer } from '../rbac/enforcer.ts';
import { SseHub } from './hub.ts';
import type { SseCloseReason } from './stream.ts';

interface AppEvent {
  type: string;
  project: string;
  name: string;
  payload?: string;
}

const enforcer = new Enforcer({ policyCsv: 'p, alice, applications, get, team/*, allow' });
let hub: SseHub<AppEvent>;
let server: Server;
let base: string;
const closes: SseCloseReason[] = [];
let opened = 0;
/** Per-request knobs, set by the query: `?user=alice&expiresInMs=100&valid=false`. */
before(async () => {
  hub = new SseHub<AppEvent>({ pingIntervalMs: 100, maxQueued: 5 });
  server = createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const user = q.get('user') ?? '';
    const expires = q.get('expiresInMs');
    opened++;
    hub.subscribe(res, {
      select: (e) =>
        enforcer.enforce(user, 'applications', 'get', `${e.project}/${e.name}`) ? e : undefined,
      ...(expires ? { sessionExpiresAt: Date.now() + Number(expires) } : {}),
      ...(q.get('valid') === 'false' ? { sessionValid: () => Promise.resolve(false) } : {}),
      onClose: (reason) => closes.push(reason),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  hub.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Reads a stream until `done(text)` is true or it ends; returns everything read. */
async function read(path: string, done: (text: string) => boolean, signal = AbortSignal.timeout(10_000)) {
  const ac = new AbortController();
  const res = await fetch(base + path, { signal: AbortSignal.any([signal, ac.signal]) });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let ended = false;
  while (!done(text)) {
    const { value, done: end } = await reader.read();
    if (end) {
      ended = true;
      break;
    }
    text += value;
  }
  ac.abort();
  return { text, ended };
}

const results = (text: string) =>
  text
    .split('\n\n')
    .filter((m) => m.startsWith('data: '))
    .map((m) => JSON.parse(m.slice(6)) as { result?: AppEvent; error?: unknown });

async function until(cond: () => boolean, what: string) {
  for (let i = 0; i < 200 && !cond(); i++) await delay(25);
  assert.ok(cond(), what);
}

/** Waits until earlier tests' streams are gone, then forgets how they closed. */
async function quiet() {
  await until(() => hub.size === 0, 'earlier streams are gone');
  closes.length = 0;
}

test('a stream opens with ": connected" and pings while idle', async () => {
  const { text } = await read('/?user=alice', (t) => t.split(': ping\n\n').length > 2);
  assert.ok(text.startsWith(': connected\n\n'));
  assert.ok(text.split(': ping\n\n').length > 2);
});

test('each subscriber sees only what its RBAC allows; the rest is not sent at all', async () => {
  const before = opened;
  const alice = read('/?user=alice', (t) => t.includes('"last"'));
  const admin = read('/?user=admin', (t) => t.includes('"last"'));
  await until(() => opened === before + 2, 'both subscribed');
  hub.publish({ type: 'ADDED', project: 'team', name: 'web' });
  hub.publish({ type: 'ADDED', project: 'secret-project', name: 'db' });
  hub.publish({ type: 'MODIFIED', project: 'team', name: 'last' });
  const [a, b] = await Promise.all([alice, admin]);
  assert.deepEqual(
    results(a.text).map((m) => m.result?.name),
    ['web', 'last'],
  );
  assert.doesNotMatch(a.text, /secret-project/);
  assert.deepEqual(
    results(b.text).map((m) => m.result?.name),
    ['web', 'db', 'last'],
  );
  assert.deepEqual(results(b.text)[0], { result: { type: 'ADDED', project: 'team', name: 'web' } });
});

test('a consumer that stops reading is closed once 5 events wait; others carry on', async () => {
  await quiet();
  const start = opened;
  // A client that never reads: its socket buffers fill, then the hub's queue.
  const slow = get(`${base}/?user=admin`, (res) => res.pause());
  const fast = read('/?user=admin', (t) => t.includes('"done"'), AbortSignal.timeout(60_000));
  await until(() => opened === start + 2, 'both subscribed');
  const payload = 'x'.repeat(256 * 1024);
  for (let i = 0; i < 2000 && !closes.includes('slow'); i++) {
    hub.publish({ type: 'MODIFIED', project: 'p', name: `n${i}`, payload });
    await delay(1);
  }
  assert.deepEqual(closes, ['slow'], 'only the slow stream is closed');
  hub.publish({ type: 'MODIFIED', project: 'p', name: 'done' });
  const f = await fast;
  assert.ok(!f.ended && f.text.includes('"done"'), 'the fast stream got everything up to the end');
  slow.destroy();
  assert.equal(hub.size, 1, 'the closed stream left the hub');
});

test('the session ends the stream with the contract error: at expiry, or when a ping finds it revoked', async () => {
  await quiet();
  for (const query of ['?user=alice&expiresInMs=150', '?user=alice&valid=false']) {
    const { text, ended } = await read(`/${query}`, () => false);
    assert.ok(ended, 'the server ended the stream');
    assert.deepEqual(results(text).at(-1), {
      error: { code: 16, message: 'session expired', error: 'session expired' },
    });
  }
  assert.deepEqual(closes, ['session', 'session']);
});

test('a client going away and the hub closing both end streams cleanly', async () => {
  await quiet();
  const start = opened;
  const ac = new AbortController();
  const res = await fetch(`${base}/?user=alice`, { signal: ac.signal });
  await until(() => opened === start + 1 && hub.size === 1, 'subscribed');
  ac.abort();
  await res.body?.cancel().catch(() => undefined);
  await until(() => hub.size === 0, 'the aborted client is gone');
  assert.deepEqual(closes, ['client']);

  const open = read('/?user=alice', () => false);
  await until(() => hub.size === 1, 'subscribed');
  hub.close();
  const { ended } = await open;
  assert.ok(ended);
  assert.equal(hub.size, 0);
});
