import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectTag } from './select.ts';

const tags = ['v1.0.0', 'v1.2.0', 'v1.2.5', 'v1.3.0-rc.1', 'v2.0.0', 'latest', 'v1.4', '1.2.6'].map(
  (name) => ({ name }),
);

test('the highest tag in range wins, pre-releases only when asked for', () => {
  assert.equal(selectTag(tags, '~1.2', { flavor: 'argo' })?.tag.name, '1.2.6');
  assert.equal(selectTag(tags, '>=1.0.0 <2.0.0', { flavor: 'argo' })?.tag.name, 'v1.4');
  assert.equal(selectTag(tags, '>=1.3.0-0 <2.0.0', { flavor: 'flux' })?.tag.name, 'v1.3.0-rc.1');
  assert.equal(selectTag(tags, '*', { flavor: 'flux' })?.tag.name, 'v2.0.0');
  assert.equal(selectTag(tags, '>5', { flavor: 'flux' }), undefined);
});

test('Flux skips tags without three parts; Argo accepts them', () => {
  assert.equal(selectTag(tags, '^1.3', { flavor: 'flux' }), undefined);
  assert.equal(selectTag(tags, '^1.3', { flavor: 'argo' })?.tag.name, 'v1.4');
});

test('among equal versions Flux takes the newest commit, Argo the first listed', () => {
  const same = [
    { name: 'v1.0.0+build.1', time: 200 },
    { name: 'v1.0.0+build.2', time: 100 },
  ];
  assert.equal(selectTag(same, '1.x', { flavor: 'flux' })?.tag.name, 'v1.0.0+build.1');
  assert.equal(selectTag(same, '1.x', { flavor: 'argo' })?.tag.name, 'v1.0.0+build.1');
  assert.equal(selectTag([...same].reverse(), '1.x', { flavor: 'argo' })?.tag.name, 'v1.0.0+build.2');
});
