/**
 * A Python kernel started ahead of time in JupyterLab, for the next notebook.
 *
 * A new notebook (launcher, File > New) starts its kernel only once the
 * notebook exists, and the learner then waits for Python's whole start. When
 * JupyterLab opens without a notebook in its URL, a kernel is started as soon
 * as the page has laid out; the first notebook session asked for in the same
 * folder takes it over (its session is renamed to the notebook's path), so
 * Python is already up, or halfway, when the notebook appears.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { PathExt } from '@jupyterlab/coreutils';
import { Session } from '@jupyterlab/services';

import { defaultKernelName, serviceWorkerSettled } from './early-kernel';
import { canHandOver, sparePath } from './spare-kernel-policy';

const LOG = '[litecourse]';

type StartNew = Session.IManager['startNew'];

/** Holds at most one spare session and hands it to the first notebook that fits. */
export class SpareKernel {
  constructor(sessions: Session.IManager) {
    this._sessions = sessions;
    this._startNew = sessions.startNew.bind(sessions);
    // every session start of the page goes through here (notebooks, consoles)
    sessions.startNew = ((createOptions, connectOptions) =>
      this._startOrHandOver(createOptions, connectOptions)) as StartNew;
  }

  /** Start the spare kernel (once): `kernelName` in the top folder. */
  async start(kernelName: string): Promise<string | null> {
    if (this._spare || this._started) {
      return null;
    }
    this._started = true;
    const folder = '';
    const path = sparePath(folder);
    const session = await this._startNew(
      {
        path,
        name: PathExt.basename(path),
        type: 'notebook',
        kernel: { name: kernelName }
      },
      { kernelConnectionOptions: { handleComms: false } }
    );
    this._spare = { session, kernelName, folder };
    return session.kernel?.id ?? null;
  }

  private async _startOrHandOver(
    createOptions: Session.ISessionOptions,
    connectOptions: Parameters<StartNew>[1]
  ): Promise<Session.ISessionConnection> {
    const spare = this._spare;
    if (
      spare &&
      !spare.session.isDisposed &&
      canHandOver(createOptions, {
        kernelName: spare.kernelName,
        folder: spare.folder,
        status: spare.session.kernel?.status ?? 'dead'
      })
    ) {
      this._spare = null; // taken, even if renaming fails below
      try {
        await spare.session.setPath(createOptions.path);
        await spare.session.setName(createOptions.name ?? createOptions.path);
        const model = spare.session.model;
        spare.session.dispose(); // the connection only: the kernel keeps running
        await this._sessions.refreshRunning();
        console.log(
          `${LOG} the notebook ${createOptions.name ?? createOptions.path} uses kernel ${model.kernel?.id}, started ahead`
        );
        return this._sessions.connectTo({ ...connectOptions, model });
      } catch (error) {
        console.warn(`${LOG} could not hand over the spare kernel:`, error);
      }
    }
    return this._startNew(createOptions, connectOptions);
  }

  private _sessions: Session.IManager;
  private _startNew: StartNew;
  private _started = false;
  private _spare: {
    session: Session.ISessionConnection;
    kernelName: string;
    folder: string;
  } | null = null;
}

/**
 * Start the spare once JupyterLab has restored its layout, if no notebook is
 * open or running by then (those have kernels of their own); the Python
 * kernel's spec must be there. Returns the kernel id, or null.
 */
export async function startSpareKernel(
  app: JupyterFrontEnd,
  spare: SpareKernel,
  notebookOpen: () => boolean
): Promise<string | null> {
  await app.restored;
  await serviceWorkerSettled();
  const { sessions } = app.serviceManager;
  await sessions.ready;
  const kernelName = await defaultKernelName(app);
  await sessions.refreshRunning();
  const running = [...sessions.running()].some(m => m.type === 'notebook');
  if (!kernelName || running || notebookOpen()) {
    return null;
  }
  return spare.start(kernelName);
}
