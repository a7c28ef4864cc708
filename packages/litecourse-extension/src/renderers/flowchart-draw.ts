/**
 * Drawing a flowchart.js script as SVG, with flowchart.js and Raphaël bundled
 * from npm (no CDN) and handed in by the caller once loaded
 * (`./flowchart-library` loads them on first use).
 *
 * flowchart.js measures every label with `getBBox()`, so it must draw into a
 * container that is attached and laid out: `drawWhenVisible` waits for that
 * and draws again if a drawing came out at zero size.
 *
 * Labels stay text: Raphaël writes them with `createTextNode`. flowchart.js's
 * own parser never sees the script: `./flowchart-script` reads and checks it
 * (no `__proto__` boxes, no links or callbacks, no `url(…)` colours) and
 * builds prototype-less symbols, which are handed to the `drawSVG` of an
 * empty parse. Drawing runs inside a prototype guard, and the drawn SVG is
 * checked by `./svg-safety` before it is shown.
 */
import {
  checkFlowchartScript,
  flowchartSymbols,
  FlowchartSymbol
} from './flowchart-script';
import type { FlowchartLibrary } from './flowchart-library';
import { guardPrototypes } from './prototype-guard';
import { svgProblems } from './svg-safety';

/** The drawing style: plain, high-contrast, the same in every theme. */
export const DRAW_OPTIONS = {
  'line-width': 2,
  'line-length': 40,
  'text-margin': 10,
  'font-size': 14,
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  'font-color': '#111111',
  'line-color': '#333333',
  'element-color': '#333333',
  fill: '#ffffff',
  'yes-text': 'yes',
  'no-text': 'no',
  'arrow-end': 'block',
  scale: 1,
  symbols: {
    start: { fill: '#e3f1e5' },
    end: { fill: '#e3f1e5' },
    condition: { fill: '#fff4d6' },
    inputoutput: { fill: '#e6eefb' },
    input: { fill: '#e6eefb' },
    output: { fill: '#e6eefb' },
    operation: {},
    subroutine: { fill: '#f1e8f8' },
    parallel: {}
  }
};

/** The parts of flowchart.js's chart object this module uses. */
interface IChart {
  symbols: Record<string, FlowchartSymbol>;
  start: FlowchartSymbol | null;
  drawSVG(container: HTMLElement, options?: unknown): void;
}

/** Raised when a script or its drawing is refused; the message is for a learner. */
export class FlowchartRefused extends Error {}

/**
 * A chart ready for `drawSVG`: the script checked and read by
 * `./flowchart-script` (flowchart.js parses only the empty string, to give
 * us its drawing function). Throws {@link FlowchartRefused} with the reason.
 */
export function parseForDrawing(
  flowchart: FlowchartLibrary,
  dsl: string
): IChart {
  const checked = checkFlowchartScript(dsl);
  if (!checked.ok) {
    throw new FlowchartRefused(checked.reason);
  }
  if (checked.script.dropped.length) {
    console.warn(
      'litecourse: parts of a flowchart script were left out:',
      checked.script.dropped
    );
  }
  const chart = flowchart.parse('') as unknown as IChart;
  const { symbols, start } = flowchartSymbols(checked.script);
  chart.symbols = symbols;
  chart.start = start;
  return chart;
}

/** True when `node` is in the document and laid out with a width. */
export function isLaidOut(node: HTMLElement): boolean {
  return (
    node.isConnected && node.getClientRects().length > 0 && node.clientWidth > 0
  );
}

/** True when every non-empty label of `svg` was measured with a width. */
export function labelsWereMeasured(svg: SVGSVGElement): boolean {
  for (const text of Array.from(svg.querySelectorAll('text'))) {
    if ((text.textContent ?? '').trim() && text.getBBox().width <= 0) {
      return false;
    }
  }
  return true;
}

/**
 * Draw `dsl` into `host` (emptied first) with the loaded `flowchart`
 * library and return the SVG.
 *
 * Element ids (flowchart.js uses the box names) get `idPrefix`, so two charts
 * on one page never share an id. A one-box chart has no lines for flowchart.js
 * to size the drawing by, so its size is set from what was drawn.
 */
export function drawFlowchart(
  flowchart: FlowchartLibrary,
  dsl: string,
  host: HTMLElement,
  idPrefix: string
): SVGSVGElement {
  host.textContent = '';
  const chart = parseForDrawing(flowchart, dsl);
  if (!chart.start) {
    throw new FlowchartRefused('the flowchart script has no boxes to draw');
  }
  guardPrototypes(
    () => chart.drawSVG(host, DRAW_OPTIONS),
    undone =>
      console.warn(
        'litecourse: drawing a flowchart changed built-in prototypes; undone:',
        undone
      )
  );
  const svg = host.querySelector('svg');
  if (!svg) {
    throw new FlowchartRefused('flowchart.js drew nothing');
  }
  const problems = svgProblems(svg);
  if (problems.length) {
    host.textContent = '';
    throw new FlowchartRefused(`the drawing contained ${problems[0]}`);
  }
  for (const desc of Array.from(svg.querySelectorAll(':scope > desc'))) {
    desc.remove(); // "Created with Raphaël": not for readers of the chart
  }
  for (const key of Object.keys(chart.symbols)) {
    for (const id of [key, `${key}t`, `${key}i`]) {
      const element = svg.querySelector(`[id="${CSS.escape(id)}"]`);
      if (element) {
        element.id = `${idPrefix}-${id}`;
      }
    }
  }
  fixSize(svg);
  return svg;
}

function fixSize(svg: SVGSVGElement): void {
  const width = parseFloat(svg.getAttribute('width') ?? '');
  const height = parseFloat(svg.getAttribute('height') ?? '');
  if (width > 0 && height > 0) {
    return;
  }
  const box = svg.getBBox();
  const pad = DRAW_OPTIONS['line-width'];
  const w = box.width + 2 * pad;
  const h = box.height + 2 * pad;
  svg.setAttribute('width', `${w}`);
  svg.setAttribute('height', `${h}`);
  svg.setAttribute('viewBox', `${box.x - pad} ${box.y - pad} ${w} ${h}`);
}

/** A drawing that waits until its host is visible; `dispose()` stops waiting. */
export interface IPendingDrawing {
  dispose(): void;
}

/**
 * Call `draw` once `host` is attached and visible; if it reports a bad
 * drawing (returns false, e.g. labels measured at zero size), call it again
 * on the next change of size or visibility.
 */
export function drawWhenVisible(
  host: HTMLElement,
  draw: () => boolean
): IPendingDrawing {
  let done = false;
  let resize: ResizeObserver | null = null;
  let intersection: IntersectionObserver | null = null;
  const stop = () => {
    resize?.disconnect();
    intersection?.disconnect();
    resize = intersection = null;
  };
  const attempt = () => {
    if (done || !isLaidOut(host)) {
      return;
    }
    if (draw()) {
      done = true;
      stop();
    }
  };
  resize = new ResizeObserver(attempt);
  resize.observe(host);
  intersection = new IntersectionObserver(attempt);
  intersection.observe(host);
  return {
    dispose: () => {
      done = true;
      stop();
    }
  };
}
