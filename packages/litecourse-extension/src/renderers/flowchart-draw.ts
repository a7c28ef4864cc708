/**
 * Drawing a flowchart.js script as SVG, with flowchart.js and Raphaël bundled
 * from npm (no CDN).
 *
 * flowchart.js measures every label with `getBBox()`, so it must draw into a
 * container that is attached and laid out: `drawWhenVisible` waits for that
 * and draws again if a drawing came out at zero size.
 *
 * Labels stay text: Raphaël writes them with `createTextNode`; links (`:>`)
 * and click callbacks (`:$`) are removed before drawing, whatever the
 * script says (codecharts never writes them, but a saved notebook is data).
 */
import flowchart from 'flowchart.js';

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

/** The parts of flowchart.js's parse result this module relies on. */
interface IParsedSymbol {
  key: string;
  link: string | null;
  target: string | null;
  function: string | null;
}

interface IParsedChart {
  symbols: Record<string, IParsedSymbol>;
  start: IParsedSymbol | null;
  drawSVG(container: HTMLElement, options?: unknown): void;
}

/**
 * Parse a script for drawing: no links or callbacks, and a chart with no
 * connection line (a single box) starts at its first box, which flowchart.js
 * does not do on its own.
 */
export function parseForDrawing(dsl: string): IParsedChart {
  const chart = flowchart.parse(dsl) as unknown as IParsedChart;
  const symbols = Object.values(chart.symbols);
  for (const symbol of symbols) {
    symbol.link = null;
    symbol.target = null;
    symbol.function = null;
  }
  if (!chart.start && symbols.length > 0) {
    chart.start = symbols[0];
  }
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
 * Draw `dsl` into `host` (emptied first) and return the SVG.
 *
 * Element ids (flowchart.js uses the box names) get `idPrefix`, so two charts
 * on one page never share an id. A one-box chart has no lines for flowchart.js
 * to size the drawing by, so its size is set from what was drawn.
 */
export function drawFlowchart(
  dsl: string,
  host: HTMLElement,
  idPrefix: string
): SVGSVGElement {
  host.textContent = '';
  const chart = parseForDrawing(dsl);
  if (!chart.start) {
    throw new Error('The flowchart script has no boxes to draw.');
  }
  chart.drawSVG(host, DRAW_OPTIONS);
  const svg = host.querySelector('svg');
  if (!svg) {
    throw new Error('flowchart.js drew nothing.');
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
