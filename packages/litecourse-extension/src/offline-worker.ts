/**
 * Offline after one visit, from a notebook page too. JupyterLite's pages
 * unregister every service worker when they find one in charge but no record
 * of JupyterLite's version under `<worker URL>-version`, a record they write
 * only when a worker is already in charge. A learner whose one online visit
 * was a single notebook page would then, offline, lose the worker (and the
 * copy it serves) at the next page. Recording the version at once, as the
 * home page does (`lite_site/home/offline.js`), keeps the worker.
 */
import { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';

/** The worker URL JupyterLite's pages register (and check the record of). */
export function workerUrl(): URL {
  const url = new URL(
    URLExt.join(PageConfig.getBaseUrl(), 'service-worker.js'),
    window.location.href
  );
  url.searchParams.set(
    'enableCache',
    PageConfig.getOption('enableServiceWorkerCache') || 'false'
  );
  return url;
}

export const offlineWorkerPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:offline-worker',
  description: "Keeps the site's service worker across pages for offline use.",
  autoStart: true,
  activate: () => {
    const version = PageConfig.getOption('appVersion');
    if (!version) {
      return;
    }
    try {
      localStorage.setItem(`${workerUrl().href}-version`, version);
    } catch {
      // storage refused: JupyterLite registers the worker again online
    }
  }
};
