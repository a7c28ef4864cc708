/**
 * Run the course start-up snippet in every Python kernel, once per kernel
 * start, ahead of anything the learner runs.
 *
 * Why this ordering holds: a `KernelConnection` sends its requests in the
 * order they were made, queueing them while the kernel is (re)starting. A new
 * connection is announced synchronously through `ISessionContext.kernelChanged`,
 * before any code can have used it, so the snippet queued there is the first
 * execute request of that kernel. On a restart the connection clears its
 * queue right after announcing the `restarting` status, so the snippet is
 * queued one microtask later: after the clear, before any click or keypress of
 * the learner can be handled. A session context may also replace a connection
 * while the kernel is still starting (dropping its queue): the claim of a
 * connection disposed before the kernel answered is given up, and the snippet
 * is queued on the replacement connection as soon as that is announced.
 */
import { ISessionContext, Notification } from '@jupyterlab/apputils';
import { followKernels } from './sessions';
import { Kernel, KernelMessage } from '@jupyterlab/services';

import {
  describeFailure,
  isPythonKernel,
  isRestartStatus,
  shouldRunStartup,
  StartupLedger
} from './startup-policy';
import {
  guardCode,
  parseStartupError,
  parseStartupNotices
} from './startup-guard';
// bundled as text (webpack.config.js), so the guard's Python stays a real .py file
import guardSource from '../kernel_python/startup_guard.py';

/** Prefix of every console message, so course logs are easy to find. */
const LOG = '[litecourse]';

/** The requests sent around the snippet (see `./startup-guard`). */
const GUARD = guardCode(guardSource);

/** How the runner is set up. */
export interface IStartupRunnerOptions {
  /** The snippet to run (an empty string turns it off). */
  snippet: string;
  /** The language of a kernel spec, if known (from the kernel spec manager). */
  languageOf: (kernelName: string) => string | undefined;
  /** Tell the learner, politely, that the course tools did not load. */
  notifyFailure?: (message: string) => void;
  /** Tell the learner something the start-up found (e.g. a file shadowing a tool). */
  notifyNotice?: (message: string) => void;
  /** Python for this kernel, run privately just before the snippet (e.g. `./interrupts`). */
  kernelSetup?: (kernel: Kernel.IKernelConnection) => string;
}

/** An execute request that leaves no trace in the learner's history. */
function silently(code: string): KernelMessage.IExecuteRequestMsg['content'] {
  return {
    code,
    silent: true,
    store_history: false,
    allow_stdin: false,
    // A failing snippet must not abort the learner's queued cells (ignored
    // by JupyterLite, hence the guard around the snippet).
    stop_on_error: false
  };
}

/** A polite message for the learner: what failed and that work is safe. */
export const FAILURE_MESSAGE =
  'Some course tools could not be loaded in this kernel. ' +
  'Your notebook still works; restarting the kernel may help.';

function defaultNotifyFailure(message: string): void {
  Notification.info(message, { autoClose: 8000 });
}

function defaultNotifyNotice(message: string): void {
  // stays until dismissed: it asks the learner to rename a file
  Notification.warning(message, { autoClose: false });
}

/**
 * Watches session contexts and their kernels, and queues the start-up snippet
 * on every new start of a Python kernel.
 */
export class StartupSnippetRunner {
  constructor(options: IStartupRunnerOptions) {
    this._snippet = options.snippet;
    this._languageOf = options.languageOf;
    this._notifyFailure = options.notifyFailure ?? defaultNotifyFailure;
    this._notifyNotice = options.notifyNotice ?? defaultNotifyNotice;
    this._kernelSetup = options.kernelSetup;
  }

  /** Follow a notebook's or console's session context and its kernels. */
  watchSessionContext(context: ISessionContext): void {
    followKernels(context, this._contexts, kernel => this.watchKernel(kernel));
  }

  /** Follow one kernel connection: run the snippet now and after each restart. */
  watchKernel(kernel: Kernel.IKernelConnection): void {
    if (this._kernels.has(kernel) || kernel.isDisposed) {
      return;
    }
    this._kernels.add(kernel);
    const id = kernel.id;
    let live = this._live.get(id);
    if (!live) {
      live = new Set();
      this._live.set(id, live);
    }
    live.add(kernel);
    kernel.statusChanged.connect(this._onStatusChanged, this);
    kernel.disposed.connect(() => this._onDisposed(kernel, id));
    this._maybeRun(kernel);
  }

  /**
   * A connection went away (emitted synchronously from `dispose()`). If it
   * held the snippet unanswered, the request may have been dropped with its
   * queue: let another live connection to the same kernel run it.
   */
  private _onDisposed(kernel: Kernel.IKernelConnection, id: string): void {
    const live = this._live.get(id);
    live?.delete(kernel);
    if (live?.size === 0) {
      this._live.delete(id);
    }
    if (!this._ledger.abandon(id, kernel)) {
      return;
    }
    console.info(
      `${LOG} connection closed before the start-up snippet ran; retrying`
    );
    for (const other of live ?? []) {
      this._maybeRun(other);
    }
  }

  private _onStatusChanged(
    kernel: Kernel.IKernelConnection,
    status: Kernel.Status
  ): void {
    if (!isRestartStatus(status)) {
      return;
    }
    this._ledger.release(kernel.id);
    // `restart()` empties the connection's queue just after emitting this
    // status; queue the snippet once that has happened.
    queueMicrotask(() => {
      if (!kernel.isDisposed) {
        this._maybeRun(kernel);
      }
    });
  }

  private _maybeRun(kernel: Kernel.IKernelConnection): void {
    const run = shouldRunStartup({
      snippet: this._snippet,
      isPython: isPythonKernel(kernel.name, this._languageOf(kernel.name)),
      status: kernel.status,
      alreadyQueued: this._ledger.has(kernel.id)
    });
    if (run && this._ledger.claim(kernel.id, kernel)) {
      this._run(kernel);
    }
  }

  /**
   * Queue the guarded snippet synchronously (arm, snippet, disarm: see
   * `./startup-guard`), then report how it went.
   */
  private _run(kernel: Kernel.IKernelConnection): void {
    const started = performance.now();
    // the arm request's reply marks when the kernel got to the snippet: the time
    // before it is the kernel's own start, not the snippet's
    let began = started;
    let future: Kernel.IShellFuture<
      KernelMessage.IExecuteRequestMsg,
      KernelMessage.IExecuteReplyMsg
    >;
    try {
      // the snippet's own time is counted from the reply to the last request before it
      let before = this._quietly(kernel, GUARD.arm);
      if (this._kernelSetup) {
        before = this._quietly(kernel, this._kernelSetup(kernel));
      }
      void before.then(() => {
        began = performance.now();
      });
      future = kernel.requestExecute(silently(this._snippet), true);
      this._quietly(kernel, GUARD.disarm);
    } catch (error) {
      this._ledger.abandon(kernel.id, kernel);
      console.warn(`${LOG} could not queue the start-up snippet:`, error);
      return;
    }
    let stderr = '';
    future.onIOPub = msg => {
      if (KernelMessage.isStreamMsg(msg) && msg.content.name === 'stderr') {
        stderr += msg.content.text;
      }
    };
    future.done.then(
      reply => {
        this._ledger.answered(kernel.id, kernel);
        const ms = Math.round(performance.now() - began);
        const waited = Math.round(began - started);
        const notices = parseStartupNotices(stderr);
        if (notices.length > 0) {
          this._notifyNotice(notices.join(' '));
        }
        const caught = parseStartupError(stderr);
        const failure = caught
          ? describeFailure({ status: 'error', ...caught })
          : describeFailure(reply.content);
        if (failure === null) {
          console.info(
            `${LOG} start-up snippet ran in kernel ${kernel.id} (${ms} ms; ` +
              `queued ${waited} ms while the kernel started)`
          );
          return;
        }
        const traceback = caught
          ? caught.traceback.join('')
          : reply.content.status === 'error'
            ? reply.content.traceback.join('\n')
            : '';
        console.warn(
          `${LOG} start-up snippet failed in kernel ${kernel.id}: ${failure}\n${traceback}`
        );
        this._notifyFailure(FAILURE_MESSAGE);
      },
      error => {
        // A restart, shutdown or replaced connection cancelled the request;
        // each of those queues the snippet again where it is still needed.
        console.info(`${LOG} start-up snippet cancelled:`, error);
      }
    );
  }

  /** Send guard code; its reply is only used for timing (failures only logged). */
  private _quietly(
    kernel: Kernel.IKernelConnection,
    code: string
  ): Promise<unknown> {
    return kernel.requestExecute(silently(code), true).done.catch(error => {
      console.debug(`${LOG} start-up guard request cancelled:`, error);
    });
  }

  private _snippet: string;
  private _languageOf: (kernelName: string) => string | undefined;
  private _notifyFailure: (message: string) => void;
  private _notifyNotice: (message: string) => void;
  private _kernelSetup?: (kernel: Kernel.IKernelConnection) => string;
  private _ledger = new StartupLedger<Kernel.IKernelConnection>();
  private _live = new Map<string, Set<Kernel.IKernelConnection>>();
  private _contexts = new WeakSet<ISessionContext>();
  private _kernels = new WeakSet<Kernel.IKernelConnection>();
}
