/**
 * An accessible flowchart figure (W3C WAI pattern for complex images):
 *
 *   <figure>
 *     <figcaption>title</figcaption>
 *     <div class="…-drawing"><svg role="img" aria-label="title" aria-describedby="D">…</svg></div>
 *     <details><summary>Text description</summary><div id="D">summary, numbered steps</div></details>
 *     [Download SVG] [Copy flowchart script] <span aria-live="polite">status</span>
 *   </figure>
 *
 * Used by the flowchart renderer and by quizzes (without the buttons).
 */
import {
  drawFlowchart,
  drawWhenVisible,
  FlowchartRefused,
  IPendingDrawing,
  labelsWereMeasured
} from './flowchart-draw';
import { FlowchartLibrary, loadFlowchartLibrary } from './flowchart-library';
import { boxCount, DRAW_ON_REQUEST_BOXES, MAX_BOXES } from './flowchart-script';
import { outputErrorElement, reasonOf } from './output-error';
import { keepControlKeys } from './own-keys';
import { IFlowchartPayload } from './payloads';
import { svgProblems } from './svg-safety';
import { descriptionElement } from './text-description';

/** What a figure shows (checked by `./payloads`). */
export type IFlowchartData = IFlowchartPayload;

let counter = 0;

/** A page-unique id prefix. */
export function uniqueId(stem: string): string {
  counter += 1;
  return `litecourse-${stem}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A file name from a title: `"Flowchart of f"` → `flowchart-of-f.svg`. */
export function svgFileName(title: string): string {
  const stem = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'flowchart'}.svg`;
}

/**
 * A standalone SVG file's text: the drawing with its title and description
 * inside. Throws {@link FlowchartRefused} if the file would hold anything
 * that runs script or reaches outside (checked by `./svg-safety`, as the
 * drawing on the page is).
 */
export function standaloneSvg(
  svg: SVGSVGElement,
  title: string,
  description: string
): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const attribute of [
    'role',
    'aria-label',
    'aria-describedby',
    'style',
    'class'
  ]) {
    copy.removeAttribute(attribute);
  }
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('role', 'img');
  const ns = 'http://www.w3.org/2000/svg';
  const titleNode = document.createElementNS(ns, 'title');
  titleNode.textContent = title;
  const descNode = document.createElementNS(ns, 'desc');
  descNode.textContent = description;
  copy.insertBefore(descNode, copy.firstChild);
  copy.insertBefore(titleNode, copy.firstChild);
  const problems = svgProblems(copy);
  if (problems.length) {
    throw new FlowchartRefused(`the drawing contains ${problems[0]}`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    new XMLSerializer().serializeToString(copy)
  );
}

/** Put `text` on the clipboard; true when it worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no permission, or not a secure context): the old way.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok: boolean;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** A figure being shown; `dispose()` stops a pending drawing. */
export interface IFlowchartFigure {
  node: HTMLElement;
  /** Resolves with the SVG when it has been drawn (or rejects with a drawing error). */
  drawn: Promise<SVGSVGElement>;
  dispose(): void;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'litecourse-button jp-Button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** The message shown where a drawing was refused or failed, in words. */
function refusal(error: unknown): HTMLElement {
  const reason =
    error instanceof FlowchartRefused ? error.message : reasonOf(error);
  return outputErrorElement(
    reason,
    'This flowchart could not be drawn',
    'Its text description is below.'
  );
}

/**
 * Build a flowchart figure; the SVG is drawn once the figure is visible.
 * `tools` adds the Download SVG and Copy flowchart script buttons.
 */
export function flowchartFigure(
  data: IFlowchartData,
  tools = true
): IFlowchartFigure {
  const id = uniqueId('flowchart');
  const figure = document.createElement('figure');
  figure.className = 'litecourse-flowchart';
  keepControlKeys(figure); // Enter on "Text description" opens it, not edit mode

  const caption = document.createElement('figcaption');
  caption.id = `${id}-title`;
  caption.textContent = data.title;
  figure.appendChild(caption);

  const drawing = document.createElement('div');
  drawing.className = 'litecourse-flowchart-drawing';
  drawing.setAttribute('role', 'group');
  drawing.setAttribute('aria-labelledby', caption.id);
  figure.appendChild(drawing);

  const details = document.createElement('details');
  details.className = 'litecourse-flowchart-details';
  const summary = document.createElement('summary');
  summary.textContent = 'Text description';
  const description = descriptionElement(data.description);
  description.id = `${id}-description`;
  details.append(summary, description);
  figure.appendChild(details);

  let svg: SVGSVGElement | null = null;
  const status = document.createElement('span');
  if (tools) {
    const toolbar = document.createElement('div');
    toolbar.className = 'litecourse-flowchart-tools';
    status.className = 'litecourse-flowchart-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const say = (text: string) => {
      // Emptied first so that the same message twice is announced twice.
      status.textContent = '';
      window.setTimeout(() => (status.textContent = text), 50);
    };
    toolbar.append(
      button('Download SVG', () => {
        if (!svg) {
          say('The flowchart is not drawn yet.');
          return;
        }
        let file: string;
        try {
          file = standaloneSvg(svg, data.title, data.description);
        } catch (error) {
          say(
            `Could not download: ${error instanceof Error ? error.message : String(error)}.`
          );
          return;
        }
        const blob = new Blob([file], { type: 'image/svg+xml' });
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = svgFileName(data.title);
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
        say(`Downloading ${link.download}.`);
      }),
      button('Copy flowchart script', () => {
        void copyText(data.dsl).then(ok =>
          say(
            ok
              ? 'Flowchart script copied to the clipboard.'
              : 'Could not copy: this browser blocked the clipboard.'
          )
        );
      }),
      status
    );
    figure.appendChild(toolbar);
  }

  let pending: IPendingDrawing | null = null;
  let disposed = false;
  const drawn = new Promise<SVGSVGElement>((resolve, reject) => {
    const fail = (error: unknown) => {
      drawing.textContent = '';
      drawing.appendChild(refusal(error));
      reject(error);
    };
    const drawWith = (library: FlowchartLibrary) => {
      pending = drawWhenVisible(drawing, () => {
        let drawnSvg: SVGSVGElement;
        try {
          drawnSvg = drawFlowchart(library, data.dsl, drawing, id);
        } catch (error) {
          fail(error);
          return true;
        }
        if (!labelsWereMeasured(drawnSvg)) {
          return false; // drawn while hidden: draw again when shown
        }
        drawnSvg.setAttribute('role', 'img');
        drawnSvg.setAttribute('aria-label', data.title);
        drawnSvg.setAttribute('aria-describedby', description.id);
        drawnSvg.classList.add('litecourse-flowchart-svg');
        svg = drawnSvg;
        if (drawing.scrollWidth > drawing.clientWidth) {
          drawing.tabIndex = 0; // a wide chart scrolls: reachable by keyboard
        }
        figure.classList.add('litecourse-mod-drawn');
        resolve(drawnSvg);
        return true;
      });
    };
    // flowchart.js is fetched on the first drawing of the page (see ./flowchart-library)
    const start = () => {
      loadFlowchartLibrary().then(
        library => {
          if (!disposed) {
            drawWith(library);
          }
        },
        error => {
          if (!disposed) {
            fail(error);
          }
        }
      );
    };
    const boxes = boxCount(data.dsl);
    if (boxes > DRAW_ON_REQUEST_BOXES && boxes <= MAX_BOXES) {
      // flowchart.js lays a big chart out in one long synchronous call: the page
      // pauses only when the learner asks for it, never on opening a notebook.
      const ask = document.createElement('p');
      ask.className = 'litecourse-flowchart-ask';
      ask.textContent = `This flowchart has ${boxes} boxes; drawing it may pause the page for a few seconds. `;
      ask.appendChild(
        button('Draw the flowchart', () => {
          if (!disposed) {
            drawing.textContent = '';
            start();
          }
        })
      );
      drawing.appendChild(ask);
    } else {
      start(); // small charts, and charts over the limit (refused at once, with the reason)
    }
  });
  drawn.catch(() => undefined); // a failed drawing is shown in the figure

  return {
    node: figure,
    drawn,
    dispose: () => {
      disposed = true;
      pending?.dispose();
    }
  };
}
