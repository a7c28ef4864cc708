/**
 * Starting the kernel of the notebook named in the page's URL while the page is
 * still being laid out.
 *
 * A notebook's session context starts its kernel only once the notebook widget
 * exists, about 1.5 s after plugins activate; Pyodide then needs several seconds
 * of its own. Starting a session for the same path as soon as we activate lets
 * the two overlap: the session context looks for a running session with its
 * path before starting one, finds ours and connects to it.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { PathExt } from '@jupyterlab/coreutils';

/**
 * The notebook a page will open: the `path` query parameter when it names a
 * `.ipynb` file, else null.
 *
 * ```ts
 * notebookInUrl('?path=week%201/loops.ipynb') // 'week 1/loops.ipynb'
 * notebookInUrl('?path=week%201')              // null (a folder)
 * ```
 */
export function notebookInUrl(search: string): string | null {
  const path = new URLSearchParams(search).get('path');
  if (!path || !path.toLowerCase().endsWith('.ipynb')) {
    return null;
  }
  return path.replace(/^\/+/, '');
}

/** Resolves when the page's service worker is active, or at once if there is none. */
export async function serviceWorkerSettled(): Promise<void> {
  // The kernel mounts the learner's files through the service worker only if it
  // is registered when the kernel is created: never create it before that.
  // undefined outside secure contexts, although the DOM types say otherwise
  const sw = (navigator as Partial<Navigator>).serviceWorker;
  if (!sw) {
    return;
  }
  const timeout = new Promise<void>(resolve => setTimeout(resolve, 5000));
  await Promise.race([sw.ready.then(() => undefined), timeout]);
}

/**
 * The default kernel's name once its spec is registered (by the kernel's own
 * plugin, which may activate after ours), or null if none is by the time every
 * plugin has activated.
 */
export async function defaultKernelName(
  app: JupyterFrontEnd
): Promise<string | null> {
  const specs = app.serviceManager.kernelspecs;
  let started = false;
  app.started.then(() => (started = true)).catch(() => (started = true));
  for (;;) {
    await specs.refreshSpecs();
    const name = specs.specs?.default;
    if (name && specs.specs?.kernelspecs[name]) {
      return name;
    }
    if (started) {
      return null;
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

/**
 * Start the kernel of the URL's notebook now, unless a session for it exists.
 * Returns the kernel id started, or null.
 */
export async function startKernelEarly(
  app: JupyterFrontEnd,
  search: string
): Promise<string | null> {
  const path = notebookInUrl(search);
  if (!path) {
    return null;
  }
  const { sessions, kernelspecs } = app.serviceManager;
  await serviceWorkerSettled();
  await Promise.all([sessions.ready, kernelspecs.ready]);
  const kernelName = await defaultKernelName(app);
  if (!kernelName) {
    return null;
  }
  await sessions.refreshRunning();
  if ([...sessions.running()].some(model => model.path === path)) {
    return null;
  }
  const session = await sessions.startNew(
    {
      path,
      name: PathExt.basename(path),
      type: 'notebook',
      kernel: { name: kernelName }
    },
    { kernelConnectionOptions: { handleComms: false } }
  );
  const kernelId = session.kernel?.id ?? null;
  session.dispose(); // the notebook connects on its own; disposing does not stop the kernel
  // If the notebook won the race and started its own kernel meanwhile, ours must go.
  await sessions.refreshRunning();
  const forPath = [...sessions.running()].filter(model => model.path === path);
  if (forPath.length > 1) {
    await sessions.shutdown(session.id);
    return null;
  }
  return kernelId;
}
