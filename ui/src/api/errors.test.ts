import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorFromResponse } from './errors.ts';
import { queryString } from './http.ts';

test("an Argo grpc-gateway error body gives the server's message and code", async () => {
  const body = {
    error: 'permission denied',
    code: 7,
    message: 'permission denied: applications, sync, default/web',
  };
  const err = await errorFromResponse(
    new Response(JSON.stringify(body), { status: 403, statusText: 'Forbidden' }),
  );
  assert.equal(err.status, 403);
  assert.equal(err.code, 7);
  assert.equal(err.message, 'permission denied: applications, sync, default/web');
});

test('a proxy page instead of JSON still gives a readable error', async () => {
  const html = `<html>${'x'.repeat(300)}</html>`;
  const err = await errorFromResponse(new Response(html, { status: 502, statusText: 'Bad Gateway' }));
  assert.equal(err.message, '502 Bad Gateway');
  assert.equal(err.code, 0);
});

test('queries repeat list keys and skip empty values', () => {
  assert.equal(
    queryString({ health: ['Degraded', 'Missing'], search: '', limit: 500, selector: 'env=prod,tier!=db' }),
    '?health=Degraded&health=Missing&limit=500&selector=env%3Dprod%2Ctier%21%3Ddb',
  );
  assert.equal(queryString({ a: undefined }), '');
});
