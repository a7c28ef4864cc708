/**
 * The litecourse MIME renderers, registered through
 * `jupyterlab.mimeExtension` in package.json.
 *
 * To add one: write `src/renderers/<name>.ts` exporting an
 * `IRenderMime.IExtension` (a `rendererFactory` with `mimeTypes: [...]` from
 * `./mimetypes`, a `rank` below 50 so it wins over the `text/html` fallback (50),
 * and a `dataType: 'json'`), then import it here and append it to
 * `renderers`.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';

import flowchartRenderer from './flowchart';
import quizRenderer from './quiz';
import description from './description';

export {
  DESCRIPTION_MIME_TYPE,
  FLOWCHART_MIME_TYPE,
  QUIZ_MIME_TYPE
} from './mimetypes';

const renderers: IRenderMime.IExtension[] = [];
renderers.push(flowchartRenderer);
renderers.push(quizRenderer);
renderers.push(description);

export default renderers;
