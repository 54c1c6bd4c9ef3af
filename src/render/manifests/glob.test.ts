import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatch } from './glob.ts';

test('globs follow Argo CD (gobwas, no separators): * crosses directories, {a,b} alternates', () => {
  assert.equal(globMatch('*.yaml', 'deploy.yaml'), true);
  assert.equal(globMatch('*.yaml', 'env/prod/deploy.yaml'), true);
  assert.equal(globMatch('{config.json,env-usw2/*}', 'config.json'), true);
  assert.equal(globMatch('{config.json,env-usw2/*}', 'env-usw2/app.yaml'), true);
  assert.equal(globMatch('{config.json,env-usw2/*}', 'env-use1/app.yaml'), false);
  assert.equal(globMatch('app-?.yaml', 'app-1.yaml'), true);
  assert.equal(globMatch('[!a]*.yaml', 'a.yaml'), false);
  assert.equal(globMatch('[a-c].yaml', 'b.yaml'), true);
  assert.equal(globMatch('x.yaml', 'y/x.yaml'), false);
});
