/**
 * flowchart.js (with Raphaël), loaded the first time a flowchart is drawn.
 *
 * Why not a static import: the renderers' bundle loads before the notebook
 * is shown, and flowchart.js + Raphaël are most of it. A dynamic `import()`
 * makes webpack put them in a chunk of their own, fetched from the same
 * origin as the extension (the site's `static/` folder, never a CDN) only
 * when a notebook has a flowchart to draw.
 */
import type flowchartJs from 'flowchart.js';

/** The flowchart.js module (its `parse`). */
export type FlowchartLibrary = typeof flowchartJs;

let loading: Promise<FlowchartLibrary> | null = null;

/**
 * flowchart.js, fetched and evaluated once; later calls share the result.
 * A failed fetch (e.g. offline with the site updated) is not remembered,
 * so the next flowchart tries again.
 */
export function loadFlowchartLibrary(): Promise<FlowchartLibrary> {
  if (!loading) {
    loading = import(
      /* webpackChunkName: "litecourse-flowchartjs" */ 'flowchart.js'
    ).then(
      module => module.default,
      error => {
        loading = null;
        throw new Error(
          `the drawing code could not be loaded (${error instanceof Error ? error.message : String(error)})`
        );
      }
    );
  }
  return loading;
}
