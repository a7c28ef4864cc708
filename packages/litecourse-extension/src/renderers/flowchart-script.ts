/**
 * Reading a flowchart.js script safely, before anything is drawn.
 *
 * flowchart.js's own parser stores boxes by name in a plain object, so a box
 * called `__proto__` writes to `Object.prototype`, and its line styles and
 * links go straight into the SVG (`javascript:` links, `url(http://…)` fills).
 * A saved notebook is data written by anyone, so we read the script here
 * instead: the same statements flowchart.js reads (definitions, chains,
 * line styles), but
 *
 * - box names are words (letters, digits, `_`) and never a name that objects
 *   already have (`__proto__`, `constructor`, `prototype`, `toString`…);
 * - only the box kinds flowchart.js draws; a reference to an undefined box is
 *   refused (flowchart.js would crash on it);
 * - links (`:>`) and click callbacks (`:$`) are dropped, as are box
 *   parameters other than `align-next`, and line-style keys other than a
 *   few stroke settings; a stroke colour is a colour value, never `url(…)`;
 * - more than {@link MAX_BOXES} boxes, or a script longer than
 *   {@link MAX_SCRIPT_LENGTH} characters, is refused.
 *
 * The result is turned into flowchart.js's symbol objects by
 * {@link flowchartSymbols}, every one without a prototype.
 * Pure (no DOM, no imports): tested with node.
 */

/**
 * The most boxes a chart may have. flowchart.js lays a chart out in one
 * synchronous call whose cost grows with the square of the box count (every
 * new line is checked against every drawn line): up to 5 s for 300 boxes on a
 * shared 2-core machine, so 1,500 would freeze the page for a minute or more.
 * 300 is far above what codecharts draws for a course cell (a cell of 40
 * lines gives 20-60 boxes), and a chart that big is no longer readable.
 */
export const MAX_BOXES = 300;

/**
 * Charts with more boxes than this are drawn when the learner asks (a button),
 * not on opening: on a shared 2-core machine a 100-box chart blocked the page
 * for 1.1-1.7 s and a 300-box one for 1.2-5.2 s.
 */
export const DRAW_ON_REQUEST_BOXES = 100;

/** The longest script read (a 300-box chart with long labels fits easily). */
export const MAX_SCRIPT_LENGTH = 100_000;

/** The box kinds flowchart.js draws. */
export const BOX_KINDS = [
  'start',
  'end',
  'operation',
  'inputoutput',
  'input',
  'output',
  'subroutine',
  'condition',
  'parallel'
] as const;

/** The ways out of a box, as flowchart.js names the symbol's fields. */
const BRANCHES = ['next', 'yes', 'no', 'path1', 'path2', 'path3'] as const;
type Branch = (typeof BRANCHES)[number];

/** Sides an arrow leaves from (`path1..3` too: flowchart.js reads `para(path1)` as a side). */
const DIRECTIONS = [
  'left',
  'right',
  'top',
  'bottom',
  'path1',
  'path2',
  'path3'
];

/**
 * Names no box may have: anything an object already answers to (its
 * prototype's properties), whatever the page has done to `Object.prototype`.
 */
export const DENIED_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf'
]);

const NAME = /^[\p{L}\p{N}_]+$/u;

/** Raphaël's dash patterns. */
const DASHES = new Set([
  '',
  '-',
  '.',
  '-.',
  '-..',
  '. ',
  '- ',
  '--',
  '- .',
  '--.',
  '--..'
]);
const ARROW =
  /^(classic|block|open|oval|diamond|none)(-(wide|narrow|medium)(-(long|short|medium))?)?$/;

/** A colour value: `#rgb[a]`, `#rrggbb[aa]`, a colour name, or `rgb[a]()`/`hsl[a]()` of numbers. */
export function isColour(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64) {
    return false;
  }
  const v = value.trim();
  return (
    /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(v) ||
    /^[a-z]{3,30}$/i.test(v) ||
    /^(rgb|rgba|hsl|hsla)\(\s*[0-9.%\s,/+-]+\)$/i.test(v)
  );
}

/** The line-style keys drawn, each with the test its value must pass. */
const LINE_STYLE: Record<string, (value: unknown) => boolean> = {
  stroke: isColour,
  'stroke-width': v => typeof v === 'number' && v >= 0 && v <= 20,
  'stroke-opacity': v => typeof v === 'number' && v >= 0 && v <= 1,
  'stroke-dasharray': v => typeof v === 'string' && DASHES.has(v),
  'arrow-end': v => typeof v === 'string' && ARROW.test(v)
};

/** One arrow out of a box. */
export interface IArrow {
  target: string;
  direction: string | null;
}

/** One box as read from the script. */
export interface IScriptBox {
  key: string;
  kind: string;
  text: string | null;
  flowstate: string | null;
  alignNext: 'yes' | 'no' | null;
  /** Arrows by way out (`next`, `yes`, `no`, `path1`…). */
  arrows: Map<Branch, IArrow>;
  /** Annotations of arrows (`cond(yes@label)`), by way out. */
  annotations: Map<Branch, string>;
  /** Line styles of arrows, by target box name. */
  lineStyles: Map<string, Map<string, string | number>>;
}

/** A script that is safe to draw. */
export interface ICheckedScript {
  boxes: Map<string, IScriptBox>;
  /** The first box of the first chain, or the first box defined; null for no boxes. */
  start: string | null;
  /** What was left out, in words (links, callbacks, unsupported styles). */
  dropped: string[];
}

/** The outcome of {@link checkFlowchartScript}: the script, or why it is refused. */
export type ScriptCheck =
  { ok: true; script: ICheckedScript } | { ok: false; reason: string };

class Refused extends Error {}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= 40 ? one : `${one.slice(0, 39)}…`;
}

/** Check a box name: a word, and not one objects already have. */
function checkedName(raw: string, line: string): string {
  const name = raw.trim();
  if (!NAME.test(name)) {
    throw new Refused(
      `\`${short(name) || '(nothing)'}\` is not a box name (in \`${short(line)}\`)`
    );
  }
  if (DENIED_NAMES.has(name)) {
    throw new Refused(`a box may not be called \`${name}\``);
  }
  return name;
}

/** flowchart.js's statements: backslash-newline joins lines, and a line with no `->`, `=>` or `@>` continues the one before. */
function statements(input: string): string[] {
  const lines: string[] = [];
  let prevBreak = 0;
  for (let i = 1; i < input.length; i++) {
    if (input[i] === '\n' && input[i - 1] !== '\\') {
      lines.push(input.substring(prevBreak, i).replace(/\\\n/g, '\n'));
      prevBreak = i + 1;
    }
  }
  if (prevBreak < input.length) {
    lines.push(input.substring(prevBreak));
  }
  const joined: string[] = [];
  for (const line of lines) {
    const isStatement =
      line.includes('->') || line.includes('=>') || line.includes('@>');
    if (!isStatement && joined.length) {
      joined[joined.length - 1] += '\n' + line;
    } else {
      joined.push(line);
    }
  }
  return joined.map(l => l.trim()).filter(l => l);
}

/** The text between a segment's first `(` and first `)`, or null. */
function bracketed(segment: string): string | null {
  const open = segment.indexOf('(');
  const close = segment.indexOf(')');
  return open >= 0 && close > open ? segment.substring(open + 1, close) : null;
}

function nameOf(segment: string): string {
  const open = segment.indexOf('(');
  return open >= 0 ? segment.substring(0, open) : segment;
}

function definition(line: string, dropped: string[]): IScriptBox {
  const arrowAt = line.indexOf('=>');
  const head = line.substring(0, arrowAt);
  const rest = line.substring(arrowAt + 2);
  const key = checkedName(head.replace(/\(.*\)/s, ''), line);
  let alignNext: 'yes' | 'no' | null = null;
  const params = /\((.*)\)/s.exec(head);
  if (params) {
    for (const entry of params[1].split(',')) {
      const [name, value, ...more] = entry.split('=').map(s => s.trim());
      if (
        name === 'align-next' &&
        (value === 'yes' || value === 'no') &&
        !more.length
      ) {
        alignNext = value;
      } else if (entry.trim()) {
        dropped.push(`the option \`${short(entry)}\` of \`${key}\``);
      }
    }
  }
  let kind = rest;
  let text: string | null = null;
  const colon = rest.indexOf(': ');
  if (colon >= 0) {
    kind = rest.substring(0, colon);
    text = rest.substring(colon + 2);
  }
  // `:$callback` and `:>link[target]`: everything after them is dropped, with the link.
  for (const mark of [':$', ':>']) {
    if (text !== null && text.includes(mark)) {
      text = text.substring(0, text.indexOf(mark));
      dropped.push(
        mark === ':>'
          ? `the link of \`${key}\``
          : `the click action of \`${key}\``
      );
    } else if (kind.includes(mark)) {
      kind = kind.substring(0, kind.indexOf(mark));
      dropped.push(
        mark === ':>'
          ? `the link of \`${key}\``
          : `the click action of \`${key}\``
      );
    }
  }
  kind = kind.split('\n')[0].trim();
  if (!(BOX_KINDS as readonly string[]).includes(kind)) {
    throw new Refused(
      `\`${short(kind) || '(nothing)'}\` is not a kind of box (box \`${key}\`)`
    );
  }
  let flowstate: string | null = null;
  if (text !== null && text.includes('|')) {
    const parts = text.split('|');
    const state = parts.pop()!.trim();
    text = parts.join('|');
    flowstate = NAME.test(state) && !DENIED_NAMES.has(state) ? state : null;
  }
  return {
    key,
    kind,
    text,
    flowstate,
    alignNext,
    arrows: new Map(),
    annotations: new Map(),
    lineStyles: new Map()
  };
}

function box(
  boxes: Map<string, IScriptBox>,
  segment: string,
  line: string
): IScriptBox {
  const name = checkedName(nameOf(segment), line);
  const found = boxes.get(name);
  if (!found) {
    throw new Refused(
      `there is no box called \`${name}\` (in \`${short(line)}\`)`
    );
  }
  return found;
}

/** `(yes)`, `(right)`, `(path1, bottom)`… as flowchart.js reads them. */
function wayOut(
  options: string | null,
  line: string
): { branch: Branch; direction: string | null } {
  if (options === null) {
    return { branch: 'next', direction: null };
  }
  const parts = options.split(',').map(s => s.trim());
  const word = (w: string) => (w === 'true' ? 'yes' : w === 'false' ? 'no' : w);
  let branch: string;
  let direction: string | null = null;
  if (parts.length === 1) {
    const only = word(parts[0]);
    if (only === 'yes' || only === 'no') {
      branch = only;
    } else {
      branch = 'next';
      direction = only;
    }
  } else if (parts.length === 2) {
    branch = word(parts[0]);
    direction = parts[1];
  } else {
    throw new Refused(
      `\`(${short(options)})\` is not a way out of a box (in \`${short(line)}\`)`
    );
  }
  if (
    !(BRANCHES as readonly string[]).includes(branch) ||
    (direction !== null && !DIRECTIONS.includes(direction))
  ) {
    throw new Refused(
      `\`(${short(options)})\` is not a way out of a box (in \`${short(line)}\`)`
    );
  }
  return { branch: branch as Branch, direction };
}

function chain(
  line: string,
  boxes: Map<string, IScriptBox>,
  connections: string[][]
): void {
  // An annotation (`cond(yes@text)`): flowchart.js reads the first one of a line.
  let annotation: string | null = null;
  const first = bracketed(line);
  if (first !== null) {
    const beforeComma = first.includes(',')
      ? first.substring(0, first.indexOf(','))
      : first;
    const parts = beforeComma.split('@');
    if (parts.length > 1) {
      annotation = parts[1];
      line = line.replace('@' + annotation, '');
    }
  }
  const segments = line.split('->').map(s => s.trim());
  connections.push(segments);
  for (let i = 0; i < segments.length; i++) {
    const source = box(boxes, segments[i], line);
    const { branch, direction } = wayOut(bracketed(segments[i]), line);
    if (annotation !== null) {
      if (source.kind === 'condition' || source.kind === 'parallel') {
        source.annotations.set(branch, annotation);
      }
      annotation = null;
    }
    if (i + 1 < segments.length) {
      const target = box(boxes, segments[i + 1], line);
      source.arrows.set(branch, { target: target.key, direction });
    }
  }
}

function lineStyle(
  line: string,
  boxes: Map<string, IScriptBox>,
  dropped: string[]
): void {
  const segments = line.split('@>').map(s => s.trim());
  for (let i = 0; i + 1 < segments.length; i++) {
    const from = box(boxes, segments[i], line);
    const to = box(boxes, segments[i + 1], line);
    const raw = bracketed(segments[i + 1]) ?? '{}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      dropped.push(`the line style \`${short(raw)}\``);
      continue;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      dropped.push(`the line style \`${short(raw)}\``);
      continue;
    }
    const style = new Map<string, string | number>();
    for (const [key, value] of Object.entries(parsed)) {
      const allowed = Object.prototype.hasOwnProperty.call(LINE_STYLE, key)
        ? LINE_STYLE[key]
        : null;
      if (allowed && allowed(value)) {
        style.set(
          key,
          typeof value === 'string' ? value.trim() : (value as number)
        );
      } else {
        dropped.push(
          `the line style \`${short(`${key}: ${JSON.stringify(value)}`)}\``
        );
      }
    }
    from.lineStyles.set(to.key, style);
  }
}

/**
 * Read `dsl` as flowchart.js would, keeping only what is safe to draw.
 *
 * `checkFlowchartScript("st=>start: Hi\ne=>end: Bye\nst->e")` →
 * `{ok: true, script: {boxes: Map{st, e}, start: 'st', dropped: []}}`;
 * `checkFlowchartScript("__proto__=>start: x")` →
 * `{ok: false, reason: 'a box may not be called `__proto__`'}`.
 */
export function checkFlowchartScript(dsl: unknown): ScriptCheck {
  if (typeof dsl !== 'string') {
    return { ok: false, reason: 'the flowchart script is not text' };
  }
  if (dsl.length > MAX_SCRIPT_LENGTH) {
    return {
      ok: false,
      reason: `the flowchart script is too long to draw (${dsl.length} characters; at most ${MAX_SCRIPT_LENGTH})`
    };
  }
  const boxes = new Map<string, IScriptBox>();
  const dropped: string[] = [];
  const lines = statements(dsl.trim());
  const definitions = lines.filter(line => line.includes('=>')).length;
  if (definitions > MAX_BOXES) {
    return {
      ok: false,
      reason: `the flowchart has ${definitions} boxes, too many to draw (at most ${MAX_BOXES})`
    };
  }
  let start: string | null = null;
  try {
    // Definitions first: flowchart.js only finds boxes defined above a chain,
    // but a chart is read the same whichever order its lines come in.
    for (const line of lines) {
      if (line.includes('=>')) {
        const defined = definition(line, dropped);
        if (boxes.has(defined.key)) {
          throw new Refused(`the box \`${defined.key}\` is defined twice`);
        }
        boxes.set(defined.key, defined);
      }
    }
    const connections: string[][] = [];
    for (const line of lines) {
      if (line.includes('=>')) {
        continue;
      }
      if (line.includes('->')) {
        chain(line, boxes, connections);
      } else if (line.includes('@>')) {
        lineStyle(line, boxes, dropped);
      }
    }
    if (connections.length) {
      start = checkedName(nameOf(connections[0][0]), connections[0][0]);
    } else if (boxes.size) {
      start = boxes.keys().next().value ?? null;
    }
  } catch (error) {
    if (error instanceof Refused) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
  return { ok: true, script: { boxes, start, dropped } };
}

/** The boxes a script defines (its `=>` statements), counted without reading them. */
export function boxCount(dsl: string): number {
  return statements(dsl.trim()).filter(line => line.includes('=>')).length;
}

/** A flowchart.js symbol: a plain record without a prototype. */
export type FlowchartSymbol = Record<string, unknown>;

function bare<T extends object>(fields: T): T {
  return Object.assign(Object.create(null), fields);
}

/**
 * The symbols flowchart.js's `drawSVG` walks (what its parser would have
 * made), built from a checked script: the symbols and every object keyed by a
 * box name have no prototype; other field names are fixed ones (`next`, `yes`,
 * `direction_no`, `stroke`…).
 */
export function flowchartSymbols(script: ICheckedScript): {
  symbols: Record<string, FlowchartSymbol>;
  start: FlowchartSymbol | null;
} {
  const symbols: Record<string, FlowchartSymbol> = Object.create(null);
  for (const b of script.boxes.values()) {
    const lineStyle: Record<string, unknown> = Object.create(null);
    for (const [target, style] of b.lineStyles) {
      // A plain object: Raphaël calls `attrs.hasOwnProperty`; its keys are our fixed few.
      lineStyle[target] = Object.fromEntries(style);
    }
    symbols[b.key] = bare({
      key: b.key,
      symbolType: b.kind,
      text: b.text,
      link: null,
      target: null,
      flowstate: b.flowstate,
      function: null,
      lineStyle,
      params: b.alignNext ? bare({ 'align-next': b.alignNext }) : bare({})
    });
  }
  for (const b of script.boxes.values()) {
    const symbol = symbols[b.key];
    for (const [branch, arrow] of b.arrows) {
      symbol[branch] = symbols[arrow.target];
      symbol[`direction_${branch}`] = arrow.direction;
    }
    for (const [branch, text] of b.annotations) {
      symbol[`${branch}_annotation`] = text;
    }
  }
  return { symbols, start: script.start ? symbols[script.start] : null };
}
