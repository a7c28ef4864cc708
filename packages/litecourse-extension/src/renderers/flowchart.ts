/**
 * Renderer for `application/vnd.litecourse.flowchart+json` (codecharts'
 * `%%flowchart` and `%%flowchart_js`): `{"dsl", "description", "title"}`
 * drawn as an accessible figure (see `./flowchart-figure`).
 *
 * A saved notebook re-renders from this data, so reopening it draws again;
 * an output that is hidden or collapsed is drawn when it is first shown.
 * A payload of the wrong shape shows a message instead; rendering never
 * throws (that would hide the notebook's later cells).
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

import { flowchartFigure, IFlowchartFigure } from './flowchart-figure';
import { FLOWCHART_MIME_TYPE } from './mimetypes';
import { outputErrorElement, reasonOf } from './output-error';
import { checkFlowchartPayload } from './payloads';
import { guardPrototypes, sweepPagePrototypes } from './prototype-guard';

/** One flowchart output. */
export class RenderedFlowchart extends Widget implements IRenderMime.IRenderer {
  private _figure: IFlowchartFigure | null = null;

  constructor(private _mimeType: string) {
    super();
    this.addClass('litecourse-flowchart-output');
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this._figure?.dispose();
    this._figure = null;
    this.node.textContent = '';
    try {
      sweepPagePrototypes();
      guardPrototypes(() => {
        const checked = checkFlowchartPayload(model.data[this._mimeType]);
        if (!checked.ok) {
          this.node.appendChild(outputErrorElement(checked.reason));
          return;
        }
        this._figure = flowchartFigure(checked.value, true);
        this.node.appendChild(this._figure.node);
      });
    } catch (error) {
      this.node.textContent = '';
      this.node.appendChild(outputErrorElement(reasonOf(error)));
    }
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
