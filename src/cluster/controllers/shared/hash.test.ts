import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHash, fnv32a, safeEncode } from './hash.ts';

test('FNV-32a matches the published test vectors', () => {
  const enc = new TextEncoder();
  assert.equal(fnv32a(enc.encode('')), 0x811c9dc5);
  assert.equal(fnv32a(enc.encode('a')), 0xe40c292c);
  assert.equal(fnv32a(enc.encode('foobar')), 0xbf9cf968);
});

test('safe encoding maps each character into the consonant alphabet, as rand.SafeEncodeString', () => {
  // '0'..'9' are 48..57; 48 % 27 = 21, the 22nd letter of the alphabet: '4'.
  assert.equal(safeEncode('0123456789'), '456789bcdf');
});

test('pod-template-hash is stable across key order and server defaults, and moves with the template and collisions', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  };
  const reordered = {
    spec: { containers: [{ image: 'nginx:1.27', name: 'web' }] },
    metadata: { labels: { app: 'web' } },
  };
  const defaulted = {
    metadata: { labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
        },
      ],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
    },
  };
  const h = computeHash(template);
  assert.match(h, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.equal(computeHash(reordered), h);
  assert.equal(computeHash(defaulted), h);
  assert.notEqual(
    computeHash({ ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } }),
    h,
  );
  assert.notEqual(computeHash(template, 1), h);
});
