import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from './sse-parser.ts';

test('messages split across chunks and line endings are reassembled', () => {
  const p = new SseParser();
  assert.deepEqual(p.feed(': connected\r\n\r\ndata: {"result":'), [{ kind: 'comment', text: 'connected' }]);
  assert.deepEqual(p.feed('{"a":1}}\r'), []);
  assert.deepEqual(p.feed('\n\r\n'), [{ kind: 'data', event: 'message', data: '{"result":{"a":1}}' }]);
});

test('multi-line data joins with newlines and a ping is a comment', () => {
  const p = new SseParser();
  assert.deepEqual(p.feed('event: x\ndata: a\ndata:b\n\n: ping\n'), [
    { kind: 'data', event: 'x', data: 'a\nb' },
    { kind: 'comment', text: 'ping' },
  ]);
});
