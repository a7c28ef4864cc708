/**
 * Renderer for `application/vnd.litecourse.flowchart+json` (codecharts'
 * `%%flowchart` and `%%flowchart_js`): `{"dsl", "description", "title"}`
 * drawn as an accessible figure (see `./flowchart-figure`).
 *
 * A saved notebook re-renders from this data, so reopening it draws again;
 * an output that is hidden or collapsed is drawn when it is first shown.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

import {
  flowchartFigure,
  IFlowchartData,
  IFlowchartFigure
} from './flowchart-figure';
import { FLOWCHART_MIME_TYPE } from './mimetypes';

/** The payload, with defaults for a missing field (a hand-edited notebook). */
export function flowchartData(value: unknown): IFlowchartData {
  const data = (value && typeof value === 'object' ? value : {}) as Record<
    string,
    unknown
  >;
  const text = (key: string, fallback: string) =>
    typeof data[key] === 'string' ? (data[key] as string) : fallback;
  return {
    dsl: text('dsl', ''),
    description: text('description', ''),
    title: text('title', 'Flowchart')
  };
}

/** One flowchart output. */
export class RenderedFlowchart extends Widget implements IRenderMime.IRenderer {
  private _figure: IFlowchartFigure | null = null;

  constructor(private _mimeType: string) {
    super();
    this.addClass('litecourse-flowchart-output');
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this._figure?.dispose();
    this.node.textContent = '';
    const data = flowchartData(model.data[this._mimeType]);
    this._figure = flowchartFigure(data, true);
    this.node.appendChild(this._figure.node);
    return Promise.resolve();
  }

  dispose(): void {
    this._figure?.dispose();
    this._figure = null;
    super.dispose();
  }
}

export const flowchartRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [FLOWCHART_MIME_TYPE],
  defaultRank: 40,
  createRenderer: options => new RenderedFlowchart(options.mimeType)
};

const extension: IRenderMime.IExtension = {
  id: 'litecourse-extension:flowchart',
  description:
    'Draws codecharts flowcharts (flowchart.js) with a text description.',
  rendererFactory: flowchartRendererFactory,
  rank: 40,
  dataType: 'json'
};

export default extension;
