// The REPL link logic (src/repl-link.ts), compiled to CommonJS by test_repl_link_logic.py
// and run with plain node.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const {
  linkParams, replLinkOptions, courseCodeMessage, COURSE_CODE_MESSAGE, LINK_CODE_TEXT, linkCodeChoice
} = require(`${process.env.REPLLINK_LIB}/repl-link.js`);

const options = query => replLinkOptions(new URLSearchParams(query));
const SITE = 'http://127.0.0.1:8000';
const fromCourse = (code, extra = {}) => ({
  origin: SITE, fromParent: true, data: { type: COURSE_CODE_MESSAGE, code }, ...extra
});

test('a link\'s code is read from the query string, every code parameter in order', () => {
  const params = linkParams('?kernel=python&code=a%20%3D%201&code=print(a)', '');
  assert.deepEqual(replLinkOptions(params).code, ['a = 1', 'print(a)']);
});

test('the hash wins when it holds REPL parameters, as in JupyterLite', () => {
  assert.deepEqual(replLinkOptions(linkParams('?code=1', '#code=2')).code, ['2']);
  assert.deepEqual(replLinkOptions(linkParams('?code=1', '#?kernel=python&code=3')).code, ['3']);
  assert.deepEqual(replLinkOptions(linkParams('?code=1', '#section-2')).code, ['1']);
});

test('execute=0 only puts the code in the prompt', () => {
  assert.equal(options('code=x&execute=0').promptOnly, true);
  assert.equal(options('code=x').promptOnly, false);
  assert.equal(options('code=x&execute=1').promptOnly, false);
});

test('the console options of a link keep JupyterLite\'s meaning', () => {
  const set = options('kernel=python&toolbar=1&theme=%20JupyterLab%20Dark%20&clearCellsOnExecute=1' +
    '&clearCodeContentOnExecute=0&hideCodeInput=1&showBanner=0&promptCellPosition=left');
  assert.equal(set.kernel, 'python');
  assert.equal(set.toolbar, true);
  assert.equal(set.theme, 'JupyterLab Dark');
  assert.deepEqual(set.config, {
    clearCellsOnExecute: true, clearCodeContentOnExecute: false, hideCodeInput: true,
    showBanner: false, promptCellPosition: 'left'
  });
  const unset = options('');
  assert.equal(unset.toolbar, false);
  assert.equal(unset.kernel, undefined);
  assert.deepEqual(Object.values(unset.config).filter(v => v !== undefined), []);
  assert.equal(options('promptCellPosition=middle').config.promptCellPosition, undefined);
});

test('code posted by the parent page of this course is accepted', () => {
  assert.equal(courseCodeMessage(fromCourse('x = 1'), SITE), 'x = 1');
});

test('code posted from another site, or not by the parent page, is refused', () => {
  assert.equal(courseCodeMessage(fromCourse('x = 1', { origin: 'https://elsewhere.example' }), SITE), null);
  assert.equal(courseCodeMessage(fromCourse('x = 1', { origin: 'http://127.0.0.1:8001' }), SITE), null);
  assert.equal(courseCodeMessage(fromCourse('x = 1', { fromParent: false }), SITE), null);
  // pages without an origin of their own (sandboxed, file:) all say "null"
  assert.equal(courseCodeMessage(fromCourse('x = 1', { origin: 'null' }), 'null'), null);
});

test('messages that are not code for the REPL are ignored', () => {
  for (const data of [null, 'x = 1', { type: 'other', code: 'x' }, { type: COURSE_CODE_MESSAGE },
    { type: COURSE_CODE_MESSAGE, code: 42 }, { type: COURSE_CODE_MESSAGE, code: '  \n' }]) {
    assert.equal(courseCodeMessage({ origin: SITE, fromParent: true, data }, SITE), null, JSON.stringify(data));
  }
});

test('the prompt says the code came from a link and has not run', () => {
  assert.match(LINK_CODE_TEXT.explain, /came with the link/);
  assert.match(LINK_CODE_TEXT.explain, /has not run/);
  assert.match(LINK_CODE_TEXT.run, /^Run/);
});

test('a link\'s code framed by a page of another origin only offers a tab of its own', () => {
  const where = (extra) => ({ hasCode: true, promptOnly: false, framed: false, framedByOwnOrigin: false, ...extra });
  assert.equal(linkCodeChoice(where({})), 'ask');
  assert.equal(linkCodeChoice(where({ promptOnly: true })), 'prompt');
  assert.equal(linkCodeChoice(where({ framed: true })), 'elsewhere');
  assert.equal(linkCodeChoice(where({ framed: true, promptOnly: true })), 'elsewhere');
  assert.equal(linkCodeChoice(where({ framed: true, framedByOwnOrigin: true })), 'ask');
  assert.equal(linkCodeChoice(where({ hasCode: false, framed: true })), 'none');
});
