// The renderers' pure safety logic (src/renderers/{flowchart-script,svg-safety,payloads,
// prototype-guard}.ts), compiled to CommonJS by test_renderer_safety_logic.py and run with
// plain node. LEGITIMATE names a JSON file of what codecharts and codeprose really emit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const lib = process.env.RENDERERS_LIB;
const { checkFlowchartScript, flowchartSymbols, isColour, boxCount, MAX_BOXES, MAX_SCRIPT_LENGTH } = require(
  `${lib}/flowchart-script.js`
);
const { svgProblems } = require(`${lib}/svg-safety.js`);
const { checkFlowchartPayload, checkQuizPayload, checkDescriptionPayload } = require(`${lib}/payloads.js`);
const { guardPrototypes, snapshotPrototypes, sweepPrototypes } = require(`${lib}/prototype-guard.js`);
const { describeSteps } = require(`${lib}/description-steps.js`);
const legit = JSON.parse(readFileSync(process.env.LEGITIMATE, 'utf8'));

const CHART = 'st=>start: Start\nop=>operation: Work\ne=>end: End\n\nst->op->e\n';
const refused = dsl => {
  const checked = checkFlowchartScript(dsl);
  assert.equal(checked.ok, false, `expected a refusal of ${JSON.stringify(dsl).slice(0, 80)}`);
  return checked.reason;
};
const protoNames = () => Object.getOwnPropertyNames(Object.prototype).sort();

/** An element tree as svgProblems reads it: [name, {attributes}, ...children]. */
const el = (localName, attributes = {}, ...children) => ({
  localName,
  attributes: Object.entries(attributes).map(([name, value]) => ({ name, value })),
  children
});

// ---------------------------------------------------------------- flowchart scripts

test('every flowchart codecharts emits passes the script check unchanged', () => {
  legit.charts.forEach((chart, i) => {
    const checked = checkFlowchartScript(chart.dsl);
    assert.equal(checked.ok, true, checked.reason);
    assert.equal(checked.script.boxes.size, legit.boxes[i]);
    assert.deepEqual(checked.script.dropped, []);
  });
});

test('box names that objects already have are refused', () => {
  for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
    assert.match(refused(`${name}=>start: x\ne=>end: y\n${name}->e`), new RegExp(`may not be called`));
    assert.match(refused(`st=>start: x\nst(${name})->st`), /not a way out|may not be called/);
  }
  assert.match(refused('st=>start: x\n__proto__(litecoursePolluted,x)->st'), /may not be called `__proto__`/);
  assert.match(refused('st=>start: x\nst@>__proto__({"x":1})'), /may not be called `__proto__`/);
});

test('box names are words', () => {
  assert.match(refused('a b=>start: x'), /not a box name/);
  assert.match(refused('a.b=>start: x'), /not a box name/);
  assert.equal(checkFlowchartScript('größe_1=>start: x').ok, true);
});

test('unknown box kinds and references to undefined boxes are refused', () => {
  assert.match(refused('st=>rocket: x'), /`rocket` is not a kind of box/);
  assert.match(refused('st=>start: x\nst->nowhere'), /no box called `nowhere`/);
  assert.match(refused('st=>start: x\nst=>end: y'), /defined twice/);
});

test('ways out are only the branch and side words flowchart.js knows', () => {
  assert.match(refused('c=>condition: x\ne=>end: y\nc(litecoursePolluted,x)->e'), /not a way out/);
  const ok = checkFlowchartScript('c=>condition: x\ne=>end: y\nc(true, right)->e\nc(false)->e');
  assert.equal(ok.ok, true);
  assert.deepEqual([...ok.script.boxes.get('c').arrows.keys()].sort(), ['no', 'yes']);
});

test('links and click callbacks are dropped, the label kept', () => {
  const checked = checkFlowchartScript('st=>start: Go:>javascript:alert(1)[_blank]\nop=>operation: Run:$evil\nst->op');
  assert.equal(checked.ok, true);
  assert.equal(checked.script.boxes.get('st').text, 'Go');
  assert.equal(checked.script.boxes.get('op').text, 'Run');
  assert.equal(checked.script.dropped.length, 2);
  const symbols = flowchartSymbols(checked.script).symbols;
  assert.equal(symbols.st.link, null);
  assert.equal(symbols.op.function, null);
});

test('line styles keep only stroke settings with colour values', () => {
  const checked = checkFlowchartScript(
    'a=>start: a\nb=>end: b\na->b\n' +
      'a@>b({"stroke":"#c00","stroke-width":3,"href":"javascript:void 0","fill":"url(http://evil.example/x.png","arrow-end":"classic-wide-long"})'
  );
  assert.equal(checked.ok, true);
  const style = checked.script.boxes.get('a').lineStyles.get('b');
  assert.deepEqual(Object.fromEntries(style), { stroke: '#c00', 'stroke-width': 3, 'arrow-end': 'classic-wide-long' });
  assert.equal(checked.script.dropped.length, 2);
  const bad = checkFlowchartScript('a=>start: a\nb=>end: b\na->b\na@>b({"stroke":"url(http://evil.example/"})');
  assert.equal(bad.script.boxes.get('a').lineStyles.get('b').size, 0);
});

test('colours are colour values, never url()', () => {
  for (const good of ['#fff', '#a0b1c2', 'red', 'rgb(10, 20, 30)', 'hsla(120, 50%, 50%, 0.5)']) {
    assert.equal(isColour(good), true, good);
  }
  for (const bad of ['url(http://x/)', 'url(#g)', 'red;background:url(x)', '90-#fff-#000', 'rgb(1,2,3) url(x)', 3]) {
    assert.equal(isColour(bad), false, String(bad));
  }
});

test('box options other than align-next are dropped', () => {
  const checked = checkFlowchartScript('c(align-next=no,__proto__=x,onclick=y)=>condition: c\ne=>end: e\nc(yes)->e\nc(no)->e');
  assert.equal(checked.ok, true);
  const symbol = flowchartSymbols(checked.script).symbols.c;
  assert.equal(symbol.params['align-next'], 'no');
  assert.deepEqual(Object.keys(symbol.params), ['align-next']);
  assert.equal(checked.script.dropped.length, 2);
});

test('a chart over the box limit or the length limit is refused', () => {
  const many = n =>
    Array.from({ length: n }, (_, i) => `op${i}=>operation: step ${i}`).join('\n') +
    '\n\n' +
    Array.from({ length: n - 1 }, (_, i) => `op${i}->op${i + 1}`).join('\n');
  assert.equal(checkFlowchartScript(many(MAX_BOXES)).ok, true);
  assert.match(refused(many(1500)), /1500 boxes, too many to draw \(at most 300\)/);
  assert.match(refused('st=>start: ' + 'x'.repeat(MAX_SCRIPT_LENGTH)), /too long/);
  assert.match(refused(42), /not text/);
});

test('the symbols handed to flowchart.js have no prototype, and reading leaves Object.prototype alone', () => {
  const before = protoNames();
  const checked = checkFlowchartScript(CHART);
  const { symbols, start } = flowchartSymbols(checked.script);
  assert.equal(Object.getPrototypeOf(symbols), null);
  for (const symbol of Object.values(symbols)) {
    assert.equal(Object.getPrototypeOf(symbol), null);
    assert.equal(Object.getPrototypeOf(symbol.params), null);
    assert.equal(Object.getPrototypeOf(symbol.lineStyle), null);
  }
  assert.equal(start.key, 'st');
  assert.equal(symbols.st.next, symbols.op);
  for (const dsl of ['__proto__(litecoursePolluted,x)->e', 'a=>start: a\nb=>end: b\na@>b({"__proto__":{"dfn":[1]}})']) {
    checkFlowchartScript(dsl);
  }
  assert.deepEqual(protoNames(), before);
  assert.equal({}.litecoursePolluted, undefined);
  assert.equal({}.dfn, undefined);
});

test('boxes are counted as flowchart.js reads statements, continuation lines included', () => {
  legit.charts.forEach((chart, i) => assert.equal(boxCount(chart.dsl), legit.boxes[i]));
  assert.equal(boxCount('a=>start: one\ntwo lines\nb=>end: e\na->b'), 2);
});

test('a one-box chart starts at its box', () => {
  const checked = checkFlowchartScript('only=>operation: alone');
  assert.equal(checked.script.start, 'only');
});

// ---------------------------------------------------------------- drawn SVG

const raphaelLike = (extra = []) =>
  el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink', style: 'overflow: hidden;' },
    el('defs', {}, el('path', { id: 'raphael-marker-block', d: 'M5,0 0,2.5 5,5z' }), el('marker', { id: 'm1' }, el('use', { 'xlink:href': '#raphael-marker-block' }))),
    el('rect', { fill: '#ffffff', stroke: '#333333', id: 'st' }),
    el('text', { 'font-family': 'system-ui' }, el('tspan', { dy: '4' })),
    el('path', { d: 'M1,1L2,2', 'marker-end': 'url(#m1)', style: '-webkit-tap-highlight-color: rgba(0, 0, 0, 0);' }),
    ...extra
  );

test('a drawing as Raphaël makes it passes the SVG check', () => {
  assert.deepEqual(svgProblems(raphaelLike()), []);
});

test('script, event attributes and javascript: links in a drawing are found', () => {
  assert.notDeepEqual(svgProblems(raphaelLike([el('a', { 'xlink:href': 'javascript:alert(1)' })])), []);
  assert.notDeepEqual(svgProblems(raphaelLike([el('a', { href: 'java\tscript:alert(1)' })])), []);
  assert.notDeepEqual(svgProblems(raphaelLike([el('rect', { onclick: 'x()' })])), []);
  assert.notDeepEqual(svgProblems(raphaelLike([el('script', {})])), []);
  assert.notDeepEqual(svgProblems(raphaelLike([el('animate', { attributeName: 'href', to: 'javascript:x' })])), []);
});

test('references outside the drawing are found', () => {
  for (const extra of [
    el('rect', { fill: 'url(http://evil.example/x)' }),
    el('rect', { style: 'fill: url("//evil.example/x")' }),
    el('image', { href: 'http://evil.example/x.png' }),
    el('foreignObject', {}),
    el('style', {}),
    el('use', { href: 'http://evil.example/s.svg#x' }),
    el('rect', { style: '@import "http://evil.example/x.css"' })
  ]) {
    assert.notDeepEqual(svgProblems(raphaelLike([extra])), [], JSON.stringify(extra));
  }
});

test('aria-label is the title, not a link', () => {
  assert.deepEqual(svgProblems(el('svg', { 'aria-label': 'javascript: a tutorial' })), []);
});

// ---------------------------------------------------------------- payload shapes

test('every payload codecharts and codeprose emit passes the shape checks', () => {
  for (const chart of legit.charts) {
    assert.equal(checkFlowchartPayload(chart).ok, true);
  }
  for (const quiz of legit.quizzes) {
    const checked = checkQuizPayload(quiz);
    assert.equal(checked.ok, true, checked.reason);
    assert.equal(checked.value.options.length, quiz.options.length);
  }
  for (const description of legit.descriptions) {
    const checked = checkDescriptionPayload(description);
    assert.equal(checked.ok, true, checked.reason);
    assert.deepEqual(describeSteps(checked.value), describeSteps(description));
  }
});

test('the five broken payload shapes are refused with their reason', () => {
  const description = legit.descriptions[1];
  const quiz = legit.quizzes[0];
  const cases = [
    [checkDescriptionPayload({ ...description, text: 42 }), /text of the description is a number, not text/],
    [checkDescriptionPayload(null), /the description is empty \(null\), not an object/],
    [checkDescriptionPayload({ ...description, sentences: [{ line: 1, text: 7 }] }), /text of sentence 1 of the description is a number/],
    [checkQuizPayload({ ...quiz, options: 'abc' }), /options of the quiz are a string, not a list/],
    [checkQuizPayload({ ...quiz, options: [{ correct: true, feedback: 'x', code: 'y' }] }), /option 1 of the quiz has no id/]
  ];
  for (const [checked, reason] of cases) {
    assert.equal(checked.ok, false);
    assert.match(checked.reason, reason);
  }
});

test('flowchart payloads need text where text belongs', () => {
  assert.match(checkFlowchartPayload(null).reason, /empty \(null\)/);
  assert.match(checkFlowchartPayload({ dsl: 3 }).reason, /dsl of the flowchart is a number/);
  assert.match(checkFlowchartPayload({ dsl: 'x', title: ['t'] }).reason, /title .* is a list/);
  assert.deepEqual(checkFlowchartPayload({ dsl: 'x' }).value, { dsl: 'x', description: '', title: 'Flowchart' });
});

test('quiz options need a unique word as id and a true/false verdict', () => {
  const quiz = legit.quizzes[0];
  const option = quiz.options[0];
  assert.match(checkQuizPayload({ ...quiz, options: [option, option] }).reason, /two options/);
  assert.match(checkQuizPayload({ ...quiz, options: [{ ...option, id: '"><img>' }] }).reason, /not a short word/);
  assert.match(checkQuizPayload({ ...quiz, options: [{ ...option, correct: 'yes' }] }).reason, /correct/);
  assert.match(checkQuizPayload({ ...quiz, options: [] }).reason, /0 options/);
});

test('a JSON __proto__ key in a payload is data, not a prototype', () => {
  const payload = JSON.parse('{"dsl": "st=>start: x", "__proto__": {"polluted": 1}}');
  const before = protoNames();
  assert.equal(checkFlowchartPayload(payload).ok, true);
  assert.deepEqual(protoNames(), before);
});

// ---------------------------------------------------------------- prototype guard

test('the prototype guard undoes what the guarded code added or changed', () => {
  const before = protoNames();
  const originalToString = Array.prototype.toString;
  let heard = [];
  guardPrototypes(
    () => {
      Object.prototype.litecoursePolluted = 'x';
      Object.prototype.dfn = [{ name: 'onanimationstart' }];
      Array.prototype.toString = () => 'pwned';
    },
    undone => (heard = undone)
  );
  assert.deepEqual(protoNames(), before);
  assert.equal({}.litecoursePolluted, undefined);
  assert.equal(Array.prototype.toString, originalToString);
  assert.equal(heard.length, 3);
});

test('the prototype guard also undoes changes when the guarded code throws', () => {
  const before = protoNames();
  assert.throws(() =>
    guardPrototypes(() => {
      Object.defineProperty(Object.prototype, 'sneaky', { get: () => 1, configurable: true });
      throw new Error('boom');
    })
  );
  assert.deepEqual(protoNames(), before);
});

test('the page-wide sweep removes data put on prototypes by anyone, and keeps added methods', () => {
  const baseline = snapshotPrototypes();
  Object.prototype.dfn = [{ name: 'onanimationstart', values: ['x'] }];
  Object.defineProperty(Object.prototype, 'sneaky', { get: () => 1, configurable: true, enumerable: false });
  Array.prototype.polyfilled = function polyfilled() {};
  try {
    const removed = sweepPrototypes(baseline);
    assert.deepEqual(removed.sort(), ['Object.prototype.dfn', 'Object.prototype.sneaky']);
    assert.equal({}.dfn, undefined);
    assert.equal({}.sneaky, undefined);
    assert.equal(typeof [].polyfilled, 'function');
  } finally {
    delete Array.prototype.polyfilled;
  }
});
