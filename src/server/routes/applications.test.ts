// Until the controllers land the server has no Applications: an empty list and a stream of
// keep-alives, which a revoked session ends with the contract's error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../test-server.ts';

test('empty application list; the stream pings and ends when the session is revoked', async () => {
  const t = await startTestServer({
    passwords: { admin: 'pw' },
    server: { sse: { pingIntervalMs: 50, maxQueued: 1000 } },
  });
  try {
    const token = await t.login('admin', 'pw');
    const list = await t.request('/api/v1/applications', { token });
    assert.deepEqual(list.json, { metadata: { resourceVersion: '0' }, items: [] });
    assert.equal((await t.request('/api/v1/stream/applications')).status, 401);

    const res = await fetch(`${t.url}/api/v1/stream/applications`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(20_000),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': ping')) text += (await reader.read()).value ?? '';
    assert.ok(text.startsWith(': connected\n\n'));
    assert.equal((await t.request('/api/v1/session', { method: 'DELETE', token })).status, 200);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    assert.match(
      text,
      /data: \{"error":\{"code":16,"message":"session expired","error":"session expired"\}\}\n\n$/,
    );
  } finally {
    await t.close();
  }
});
