// "Updated by your teacher": the pure logic of src/updates/versions.ts, compiled to
// CommonJS by test_updates_logic.py and run with plain node.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const lib = process.env.UPDATES_LIB;
const v = require(`${lib}/updates/versions.js`);

const sha = text => createHash('sha256').update(text).digest('hex');
const A = sha('first edition');
const B = sha('second edition');
const C = sha('third edition');
const manifest = notebooks => v.parseVersions({ notebooks });

test('a manifest maps each shipped notebook to its version', () => {
  const versions = manifest({ 'welcome.ipynb': A, 'week1/loops.ipynb': B });
  assert.equal(versions.get('welcome.ipynb'), A);
  assert.equal(versions.get('week1/loops.ipynb'), B);
  assert.equal(versions.size, 2);
});

test('what is not a manifest gives no versions (an older site flags nothing)', () => {
  for (const bad of [null, [], 'x', 3, {}, { notebooks: [] }, { notebooks: null }]) {
    assert.equal(v.parseVersions(bad), null, JSON.stringify(bad));
  }
});

test('malformed entries of a manifest are left out', () => {
  const versions = manifest({ 'a.ipynb': A, 'b.ipynb': 'not a hash', 'c.ipynb': 7, '': B, 'd.ipynb': A.toUpperCase() });
  assert.deepEqual([...versions.keys()], ['a.ipynb']);
});

test("the first save of a course notebook records the version the learner's copy started from", () => {
  const records = v.afterSave(v.noRecords(), 'welcome.ipynb', manifest({ 'welcome.ipynb': A }));
  assert.equal(records.bases['welcome.ipynb'], A);
});

test('later saves keep the version the copy started from', () => {
  let records = v.afterSave(v.noRecords(), 'welcome.ipynb', manifest({ 'welcome.ipynb': A }));
  records = v.afterSave(records, 'welcome.ipynb', manifest({ 'welcome.ipynb': B }));
  assert.equal(records.bases['welcome.ipynb'], A);
});

test("saving the learner's own files records nothing", () => {
  const records = v.afterSave(v.noRecords(), 'mine.ipynb', manifest({ 'welcome.ipynb': A }));
  assert.deepEqual(Object.keys(records.bases), []);
});

test('a notebook changed from an older version than the one shipped is updated since changed', () => {
  const records = v.afterSave(v.noRecords(), 'x.ipynb', manifest({ 'x.ipynb': A }));
  const now = manifest({ 'x.ipynb': B, 'y.ipynb': B });
  assert.equal(v.updateState('x.ipynb', now, records), 'updated');
  assert.deepEqual(v.updatedSinceChanged(now, records), ['x.ipynb']);
});

test('a notebook the learner never changed is not flagged, updated or not', () => {
  const records = v.afterSave(v.noRecords(), 'x.ipynb', manifest({ 'x.ipynb': A }));
  assert.equal(v.updateState('y.ipynb', manifest({ 'x.ipynb': A, 'y.ipynb': B }), records), 'none');
});

test('a changed notebook whose version is still shipped is not flagged', () => {
  const records = v.afterSave(v.noRecords(), 'x.ipynb', manifest({ 'x.ipynb': A }));
  assert.equal(v.updateState('x.ipynb', manifest({ 'x.ipynb': A }), records), 'none');
});

test('a learner copy with no record (saved before sites recorded versions) is never flagged', () => {
  assert.equal(v.updateState('x.ipynb', manifest({ 'x.ipynb': B }), v.noRecords()), 'none');
  assert.deepEqual(v.updatedSinceChanged(manifest({ 'x.ipynb': B }), v.noRecords()), []);
});

test('a notebook the course no longer ships is not flagged', () => {
  const records = v.afterSave(v.noRecords(), 'x.ipynb', manifest({ 'x.ipynb': A }));
  assert.equal(v.updateState('x.ipynb', manifest({ 'y.ipynb': B }), records), 'none');
});

test('"Not now" is remembered for that version, and a later version is told again', () => {
  let records = v.afterSave(v.noRecords(), 'x.ipynb', manifest({ 'x.ipynb': A }));
  records = v.afterSeen(records, 'x.ipynb', manifest({ 'x.ipynb': B }));
  assert.equal(v.updateState('x.ipynb', manifest({ 'x.ipynb': B }), records), 'seen');
  assert.equal(v.updateState('x.ipynb', manifest({ 'x.ipynb': C }), records), 'updated');
});

test("a reset (the learner's copy removed) forgets the records of that notebook only", () => {
  const versions = manifest({ 'x.ipynb': A, 'y.ipynb': A });
  let records = v.afterSave(v.afterSave(v.noRecords(), 'x.ipynb', versions), 'y.ipynb', versions);
  records = v.afterSeen(records, 'x.ipynb', manifest({ 'x.ipynb': B }));
  records = v.afterRemoval(records, 'x.ipynb');
  assert.deepEqual(Object.keys(records.bases), ['y.ipynb']);
  assert.deepEqual(Object.keys(records.seen), []);
  assert.equal(v.updateState('x.ipynb', manifest({ 'x.ipynb': B }), records), 'none');
});

test('removing a folder forgets everything under it, and clearing everything forgets all', () => {
  const versions = manifest({ 'week1/a.ipynb': A, 'week10/b.ipynb': A, 'c.ipynb': A });
  let records = v.noRecords();
  for (const path of versions.keys()) {
    records = v.afterSave(records, path, versions);
  }
  assert.deepEqual(Object.keys(v.afterRemoval(records, 'week1').bases).sort(), ['c.ipynb', 'week10/b.ipynb']);
  assert.deepEqual(Object.keys(v.afterRemoval(records, '').bases), []);
});

test("a copy that already holds the shipped version starts from it and is not flagged", () => {
  let records = v.afterSave(v.noRecords(), 'x.ipynb', manifest({ 'x.ipynb': A }));
  records = v.afterSeen(records, 'x.ipynb', manifest({ 'x.ipynb': B }));
  records = v.afterCaughtUp(records, 'x.ipynb', manifest({ 'x.ipynb': B }));
  assert.equal(records.bases['x.ipynb'], B);
  assert.equal(v.updateState('x.ipynb', manifest({ 'x.ipynb': B }), records), 'none');
  assert.equal(v.updateState('x.ipynb', manifest({ 'x.ipynb': C }), records), 'updated');
});

test('records survive storing as text; damaged text gives no records', () => {
  let records = v.afterSave(v.noRecords(), 'x.ipynb', manifest({ 'x.ipynb': A }));
  records = v.afterSeen(records, 'x.ipynb', manifest({ 'x.ipynb': B }));
  const back = v.parseRecords(v.recordsText(records));
  assert.equal(back.bases['x.ipynb'], A);
  assert.equal(back.seen['x.ipynb'], B);
  for (const bad of [null, '', '{', '[]', '{"bases": 3}', '{"bases": {"x.ipynb": "nope"}}']) {
    assert.deepEqual(Object.keys(v.parseRecords(bad).bases), [], String(bad));
  }
});

test('paths named like built-in properties are paths like any other', () => {
  // parsed JSON, as a manifest arrives: a `__proto__` literal would set the prototype
  const versions = v.parseVersions(JSON.parse(`{"notebooks": {"__proto__": "${A}", "constructor": "${A}", "toString": "${B}"}}`));
  assert.equal(versions.size, 3);
  assert.equal(v.updateState('constructor', versions, v.noRecords()), 'none');
  let records = v.afterSave(v.noRecords(), '__proto__', versions);
  records = v.afterSave(records, 'toString', versions);
  const back = v.parseRecords(v.recordsText(records));
  const next = v.parseVersions(JSON.parse(`{"notebooks": {"__proto__": "${B}"}}`));
  assert.equal(v.updateState('__proto__', next, back), 'updated');
  assert.equal(v.updateState('toString', versions, back), 'none');
});

test("the records' key derives from the course's storage name", () => {
  assert.equal(v.recordsKey('litecourse-demo-contents'), 'litecourse-demo-contents-versions');
  assert.notEqual(v.recordsKey('litecourse-a-contents'), v.recordsKey('litecourse-b-contents'));
});

test('the new version is copied under a dated name, numbered when taken', () => {
  const day = new Date(2026, 10, 27, 9, 30);
  assert.equal(v.courseVersionName('welcome.ipynb', day, () => false), 'welcome (course version 2026-11-27).ipynb');
  const taken = new Set(['week1/a (course version 2026-11-27).ipynb']);
  assert.equal(v.courseVersionName('week1/a.ipynb', day, p => taken.has(p)), 'week1/a (course version 2026-11-27 2).ipynb');
});
