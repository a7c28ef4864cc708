// The course menu's pure logic (src/coursemenu/{zippaths,names,content,restoreplan}.ts),
// compiled to CommonJS by test_coursemenu_logic.py and run with plain node.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const lib = process.env.COURSEMENU_LIB;
const { safeZipPath, unsafeZipPaths, looksLikeZip } = require(`${lib}/zippaths.js`);
const { workZipName, restoredName, myVersionName } = require(`${lib}/names.js`);
const { modelToBytes, bytesToSaveModel, sameContent } = require(`${lib}/content.js`);
const { planRestore } = require(`${lib}/restoreplan.js`);

const bytes = text => new TextEncoder().encode(text);
const day = new Date(2026, 10, 25, 14, 3);

test('paths inside the course are safe, folders keep their slash', () => {
  assert.equal(safeZipPath('notes/a.py'), 'notes/a.py');
  assert.equal(safeZipPath('notes\\a.py'), 'notes/a.py');
  assert.equal(safeZipPath('notes/'), 'notes/');
});

test('paths leaving the course are refused', () => {
  for (const bad of ['../evil.py', 'a/../../evil.py', '/etc/passwd', 'C:/x.py', 'C:x', '\\\\srv\\x', 'a//b', './a', '']) {
    assert.equal(safeZipPath(bad), null, bad);
  }
  assert.deepEqual(unsafeZipPaths(['ok.py', '../evil.py']), ['../evil.py']);
});

test('only zip signatures look like zips', () => {
  assert.ok(looksLikeZip(new Uint8Array([0x50, 0x4b, 3, 4, 0])));
  assert.ok(!looksLikeZip(bytes('PK but text')));
  assert.ok(!looksLikeZip(new Uint8Array([])));
});

test('names: backup zip, restored copy, kept version', () => {
  assert.equal(workZipName('reading-code', day), 'reading-code-work-2026-11-25.zip');
  assert.equal(restoredName('a/b.ipynb', day, () => false), 'a/b (restored 2026-11-25).ipynb');
  const taken = new Set(['b (restored 2026-11-25).ipynb']);
  assert.equal(restoredName('b.ipynb', day, p => taken.has(p)), 'b (restored 2026-11-25 2).ipynb');
  assert.equal(myVersionName('welcome.ipynb', day, () => false), 'welcome (my version 2026-11-25 14-03).ipynb');
  assert.equal(restoredName('Makefile', day, () => false), 'Makefile (restored 2026-11-25)');
});

test('bytes survive storing and reading back: text, binary, notebooks', () => {
  const samples = {
    'a.txt': bytes('café ☕\n'),
    'bom.txt': new Uint8Array([0xef, 0xbb, 0xbf, 0x61]),
    'b.bin': new Uint8Array([0, 1, 2, 253, 254, 255]),
    'n.ipynb': modelToBytes({ type: 'notebook', format: 'json', content: { cells: [], nbformat: 4 } })
  };
  for (const [path, data] of Object.entries(samples)) {
    const model = bytesToSaveModel(path, data);
    assert.deepEqual(modelToBytes(model), data, path);
  }
  assert.equal(bytesToSaveModel('n.ipynb', samples['n.ipynb']).format, 'json');
  assert.equal(bytesToSaveModel('b.bin', samples['b.bin']).format, 'base64');
});

test('same content: bytes, or the same JSON data for notebooks', () => {
  assert.ok(sameContent('a.ipynb', bytes('{"a": 1, "b": [1]}'), bytes('{\n "b": [1],\n "a": 1\n}\n')));
  assert.ok(!sameContent('a.ipynb', bytes('{"a": 1}'), bytes('{"a": 2}')));
  assert.ok(!sameContent('a.txt', bytes('x '), bytes('x')));
  // JupyterLab writes sources as strings and fills in language_info: not a change
  const shipped = '{"metadata": {}, "cells": [{"source": ["a\\n", "b"], "outputs": [{"text": ["1\\n", "2"]}]}]}';
  const saved = '{"metadata": {"language_info": {"version": "3.14"}}, "cells": [{"source": "a\\nb", "outputs": [{"text": "1\\n2"}]}]}';
  assert.ok(sameContent('n.ipynb', bytes(shipped), bytes(saved)));
  assert.ok(!sameContent('n.ipynb', bytes(shipped), bytes(saved.replace('a\\nb', 'a\\nc'))));
});

test('restore plan: new files written, same left alone, different kept side by side, unchanged course files replaced', () => {
  const existing = new Map([['a.txt', bytes('mine')], ['same.txt', bytes('same')], ['course.ipynb', bytes('{}')]]);
  const kind = p => (existing.has(p) ? 'file' : p === 'dir' ? 'directory' : null);
  const plan = planRestore(
    [
      { path: 'a.txt', bytes: bytes('zip') },
      { path: 'same.txt', bytes: bytes('same') },
      { path: 'new/deep/c.txt', bytes: bytes('c') },
      { path: 'a.txt/x.txt', bytes: bytes('x') },
      { path: 'course.ipynb', bytes: bytes('{"mine": 1}') }
    ],
    ['empty'],
    { kind, bytes: p => existing.get(p), pristine: p => p === 'course.ipynb' },
    day
  );
  assert.deepEqual(plan.folders, ['empty', 'new', 'new/deep']);
  assert.deepEqual(plan.writes.map(w => [w.from, w.to]), [
    ['a.txt', 'a (restored 2026-11-25).txt'],
    ['new/deep/c.txt', 'new/deep/c.txt'],
    ['course.ipynb', 'course.ipynb']
  ]);
  assert.deepEqual(plan.unchanged, ['same.txt']);
  assert.deepEqual(plan.blocked, ['a.txt/x.txt']);
});
