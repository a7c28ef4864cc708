/**
 * fflate (zip and unzip), loaded the first time the Course menu downloads
 * or restores work.
 *
 * Why not a static import: the extension's start-up bundle loads before the
 * notebook is shown, and most learners never zip anything in a visit. A
 * dynamic `import()` makes webpack put fflate in a chunk of its own, fetched
 * from the same origin as the extension (never a CDN).
 */
export type ZipLibrary = typeof import('fflate');

let loading: Promise<ZipLibrary> | null = null;

/**
 * fflate, fetched once; later calls share it. A failed fetch is not
 * remembered, so trying the menu item again fetches again. Rejects with a
 * reason in words.
 */
export function loadZipLibrary(): Promise<ZipLibrary> {
  if (!loading) {
    loading = import(
      /* webpackChunkName: "litecourse-fflate" */ 'fflate'
    ).catch(error => {
      loading = null;
      throw new Error(
        `the zip code could not be loaded (${error instanceof Error ? error.message : String(error)}); check the connection and try again`
      );
    });
  }
  return loading;
}
