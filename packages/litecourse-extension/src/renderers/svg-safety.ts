/**
 * The last check on a drawn flowchart, before it is shown or downloaded:
 * nothing in it may run script or fetch anything from outside the page.
 *
 * The script was checked before drawing (`./flowchart-script`); this catches
 * whatever flowchart.js or Raphaël might still put in (a future version, a
 * case we did not foresee). Only the elements Raphaël draws are allowed, no
 * event attributes, no `javascript:`, and every reference (`href`,
 * `xlink:href`, `url(…)`) points inside the drawing (`#id`).
 *
 * Works on any tree with `localName`, `attributes` and `children` (the DOM,
 * or plain objects in the node tests).
 */

/** What the check reads of an element. */
export interface ISvgElementLike {
  readonly localName: string;
  readonly attributes: ArrayLike<{
    readonly name: string;
    readonly value: string;
  }>;
  readonly children: ArrayLike<ISvgElementLike>;
}

/** The elements Raphaël draws a flowchart with. */
const ALLOWED_ELEMENTS = new Set([
  'svg',
  'desc',
  'title',
  'defs',
  'path',
  'rect',
  'circle',
  'ellipse',
  'text',
  'tspan',
  'marker',
  'use',
  'lineargradient',
  'radialgradient',
  'stop',
  'clippath'
]);

/** Attributes whose whole value is a URL. */
const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'action',
  'formaction',
  'xml:base'
]);

// Browsers ignore control characters and blanks inside a URL's scheme ("java\tscript:"),
// so the pattern must match them on purpose.
/* eslint-disable no-control-regex */
const SCRIPT_URL =
  /j[\s\x00-\x1f]*a[\s\x00-\x1f]*v[\s\x00-\x1f]*a[\s\x00-\x1f]*s[\s\x00-\x1f]*c[\s\x00-\x1f]*r[\s\x00-\x1f]*i[\s\x00-\x1f]*p[\s\x00-\x1f]*t[\s\x00-\x1f]*:|vbscript:|data:/i;
/* eslint-enable no-control-regex */
const CSS_URL = /url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi;

/** True when a `url(…)` or `href` value points inside the page's own drawing (`#id`). */
function isLocalReference(value: string): boolean {
  return /^#[A-Za-z0-9_:.-]*$/.test(value.trim());
}

function attributeProblems(
  element: string,
  name: string,
  value: string
): string[] {
  const problems: string[] = [];
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) {
    problems.push(`an event attribute \`${name}\` on <${element}>`);
  }
  // aria-label is the chart's title, read out, never followed.
  if (!lower.startsWith('aria-') && SCRIPT_URL.test(value)) {
    problems.push(`a script or data URL in \`${name}\` of <${element}>`);
  }
  if (URL_ATTRIBUTES.has(lower) && !isLocalReference(value)) {
    problems.push(`a link to \`${value.slice(0, 60)}\` in <${element}>`);
  }
  for (const match of value.matchAll(CSS_URL)) {
    if (!isLocalReference(match[2])) {
      problems.push(
        `a reference to \`${match[2].slice(0, 60)}\` in \`${name}\` of <${element}>`
      );
    }
  }
  if (/@import|expression\s*\(|image-set\s*\(|-moz-binding/i.test(value)) {
    problems.push(`an outside reference in \`${name}\` of <${element}>`);
  }
  return problems;
}

/**
 * Everything in `root` that could run script or reach outside the page, in
 * words; empty for a safe drawing.
 *
 * `svgProblems(svgWith('<a href="javascript:x()">'))` →
 * `['an element <a> that flowcharts do not draw', 'a script or data URL in `href` of <a>', …]`
 */
export function svgProblems(root: ISvgElementLike): string[] {
  const problems: string[] = [];
  const stack: ISvgElementLike[] = [root];
  while (stack.length) {
    const element = stack.pop()!;
    const name = element.localName.toLowerCase();
    if (!ALLOWED_ELEMENTS.has(name)) {
      problems.push(
        `an element <${element.localName}> that flowcharts do not draw`
      );
    }
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes[i];
      problems.push(
        ...attributeProblems(name, attribute.name, attribute.value)
      );
    }
    for (let i = 0; i < element.children.length; i++) {
      stack.push(element.children[i]);
    }
  }
  return problems;
}
