/**
 * The litecourse MIME renderers, registered through
 * `jupyterlab.mimeExtension` in package.json.
 *
 * To add one: write `src/renderers/<name>.ts` exporting an
 * `IRenderMime.IExtension` (a `rendererFactory` with `mimeTypes: [...]` from
 * `./mimetypes`, a `rank` below 50 (the `text/html` renderer's) so it wins over the `text/html` fallback,
 * and a `dataType: 'json'`), then import it here and append it to
 * `renderers`.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';

import description from './description';

export {
  DESCRIPTION_MIME_TYPE,
  FLOWCHART_MIME_TYPE,
  QUIZ_MIME_TYPE
} from './mimetypes';

const renderers: IRenderMime.IExtension[] = [];
renderers.push(description);

export default renderers;
