// When a kernel started ahead may become a notebook's kernel (src/spare-kernel-policy.ts),
// compiled to CommonJS by test_spare_kernel_logic.py and run with plain node.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const { canHandOver, folderOf, kernelFolder, sparePath } = require(
  `${process.env.SPAREKERNEL_LIB}/spare-kernel-policy.js`
);

const SPARE = { kernelName: 'python', folder: '', status: 'idle' };
const notebook = (path, extra = {}) => ({ path, type: 'notebook', kernel: { name: 'python' }, ...extra });

test('a new notebook in the spare\'s folder takes the spare', () => {
  assert.equal(canHandOver(notebook('Untitled.ipynb'), SPARE), true);
  assert.equal(canHandOver(notebook('/Untitled1.ipynb'), SPARE), true);
});

test('JupyterLab\'s new notebook (a unique id as path, the notebook in the name) is recognised', () => {
  const request = { path: 'ba604d88-20d9', name: 'Untitled.ipynb', type: 'notebook', kernel: { name: 'python' } };
  assert.equal(canHandOver(request, SPARE), true);
  assert.equal(canHandOver({ ...request, name: 'week1/Untitled.ipynb' }, SPARE), false);
  assert.equal(kernelFolder({ ...request, name: 'week1/Untitled.ipynb' }), 'week1');
});

test('a spare still starting is handed over: half a start is better than none', () => {
  assert.equal(canHandOver(notebook('Untitled.ipynb'), { ...SPARE, status: 'starting' }), true);
});

test('a notebook in another folder starts its own kernel (the working folder is set at start)', () => {
  assert.equal(canHandOver(notebook('week 1/Untitled.ipynb'), SPARE), false);
  assert.equal(
    canHandOver(notebook('week 1/Untitled.ipynb'), { ...SPARE, folder: 'week 1' }), true
  );
});

test('consoles, other kernels and a running kernel asked for by id never take the spare', () => {
  assert.equal(canHandOver(notebook('Console 1', { type: 'console' }), SPARE), false);
  assert.equal(canHandOver(notebook('a.ipynb', { kernel: { name: 'javascript' } }), SPARE), false);
  assert.equal(canHandOver(notebook('a.ipynb', { kernel: { id: 'k1' } }), SPARE), false);
  assert.equal(canHandOver(notebook('a.ipynb', { kernel: null }), SPARE), false);
});

test('a dead or restarting spare is never handed over', () => {
  for (const status of ['dead', 'restarting', 'autorestarting']) {
    assert.equal(canHandOver(notebook('a.ipynb'), { ...SPARE, status }), false, status);
  }
});

test('folders and the spare\'s own session path', () => {
  assert.equal(folderOf('a.ipynb'), '');
  assert.equal(folderOf('/week 1/sub/a.ipynb'), 'week 1/sub');
  assert.equal(folderOf(sparePath('week 1')), 'week 1');
  assert.equal(folderOf(sparePath('')), '');
  assert.ok(!sparePath('').endsWith('.ipynb'), 'never mistaken for a notebook file');
});
