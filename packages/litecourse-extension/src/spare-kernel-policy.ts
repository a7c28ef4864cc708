/**
 * When a kernel started ahead of time may become a new notebook's kernel, kept
 * free of JupyterLab imports so it can be tested with plain node.
 */

/** The folder of a path in the contents ('' for the top folder). */
export function folderOf(path: string): string {
  const clean = path.replace(/^\/+/, '');
  const cut = clean.lastIndexOf('/');
  return cut < 0 ? '' : clean.slice(0, cut);
}

/** The session a page asks for, as far as the hand-over cares. */
export interface ISessionRequest {
  /** The session's path: the document's, or a unique id for a new one. */
  path: string;
  /** The session's name: JupyterLab puts the document's path here. */
  name?: string;
  /** 'notebook', 'console', ... */
  type?: string;
  /** The kernel asked for: its spec name, or the id of a running kernel. */
  kernel?: { name?: string; id?: string } | null;
}

/** The kernel waiting for a notebook. */
export interface ISpare {
  /** Its kernel spec's name. */
  kernelName: string;
  /** The folder it was started in: its working folder. */
  folder: string;
  /** Its connection's status. */
  status: string;
}

/** Kernel statuses in which a spare is of no use any more. */
const UNUSABLE: ReadonlySet<string> = new Set([
  'dead',
  'restarting',
  'autorestarting'
]);

/**
 * The folder a session's kernel works in: JupyterLite's rule, the folder of
 * the session's name, else of its path (JupyterLab starts a new notebook's
 * session under a unique id as its path, the notebook's path as its name).
 *
 * Example: `kernelFolder({path: '5f1c…', name: 'week1/Untitled.ipynb'})` is `'week1'`.
 */
export function kernelFolder(request: ISessionRequest): string {
  return folderOf(request.name ?? '') || folderOf(request.path);
}

/**
 * May the spare become the kernel of the requested session?
 *
 * Only for a notebook asking for the spare's kind of kernel by name (not a
 * running kernel by id), in the folder the spare was started in: a kernel's
 * working folder is set when it starts, and Python must find the notebook's
 * neighbouring files.
 *
 * Example: `canHandOver({path: 'Untitled.ipynb', type: 'notebook',
 * kernel: {name: 'python'}}, {kernelName: 'python', folder: '', status: 'idle'})`
 * is true; with `path: 'week1/Untitled.ipynb'` it is false.
 */
export function canHandOver(request: ISessionRequest, spare: ISpare): boolean {
  const kernel = request.kernel;
  const isNotebook = [request.name, request.path].some(p =>
    p?.toLowerCase().endsWith('.ipynb')
  );
  return (
    (request.type ?? 'notebook') === 'notebook' &&
    isNotebook &&
    !!kernel &&
    !kernel.id &&
    (kernel.name ?? spare.kernelName) === spare.kernelName &&
    kernelFolder(request) === spare.folder &&
    !UNUSABLE.has(spare.status)
  );
}

/**
 * The path the spare's own session is kept under until a notebook takes it:
 * in `folder`, named so nobody mistakes it for a file of theirs (there is no
 * such file; a session's path is only a name).
 *
 * Example: `sparePath('')` is `'(Python ready for a new notebook)'`.
 */
export function sparePath(folder: string): string {
  const name = '(Python ready for a new notebook)';
  return folder ? `${folder}/${name}` : name;
}
