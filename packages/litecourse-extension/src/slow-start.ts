/**
 * Never spin forever: when a Python kernel has not become idle within a
 * generous time after it started (or restarted), tell the learner what to do,
 * with a button that saves their notebooks and reloads the page.
 *
 * Why: a kernel start can stall for reasons the page cannot repair (a worker
 * waiting on a request that never answers, a browser storage lock); a reload
 * starts it afresh. Without this, the learner sees a busy kernel indicator and
 * a queued `[*]` cell and nothing else.
 */
import { ISessionContext, Notification } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { followKernels } from './sessions';
import { Kernel } from '@jupyterlab/services';

/** How long a kernel may take to start before the learner is told (ms). */
export const SLOW_START_MS = 60_000;

/** The `jupyter-config-data` key that may shorten the time (tests, demos). */
export const SLOW_START_KEY = 'litecourseSlowStartMs';

/**
 * The time to wait, from `jupyter-config-data` when it holds a positive number.
 *
 * Example: `slowStartMs('500')` is 500, `slowStartMs('')` is `SLOW_START_MS`.
 */
export function slowStartMs(raw: string | null | undefined): number {
  const ms = Number(raw);
  return raw && Number.isFinite(ms) && ms > 0 ? ms : SLOW_START_MS;
}

/** The time to wait on this site. */
export function readSlowStartMs(): number {
  return slowStartMs(PageConfig.getOption(SLOW_START_KEY));
}

/** What the learner reads. */
export const SLOW_START_MESSAGE =
  'Python is taking too long to start — reload the page (your work is saved).';

/** Statuses that begin a (re)start, after which the kernel must become idle. */
const START_STATUSES: ReadonlySet<string> = new Set([
  'unknown',
  'starting',
  'restarting',
  'autorestarting'
]);

/**
 * Should a kernel in ``status`` be watched for a slow start?
 *
 * Example: `isStarting('starting')` is true, `isStarting('idle')` is false.
 */
export function isStarting(status: string): boolean {
  return START_STATUSES.has(status);
}

/** How the watchdog is set up (tests shorten the time). */
export interface ISlowStartOptions {
  /** Milliseconds before the learner is told. */
  timeoutMs?: number;
  /** Show the message; `reload` saves and reloads the page. */
  notify?: (message: string, reload: () => void) => void;
  /** Save every open document (best effort), before a reload. */
  saveAll?: () => Promise<unknown>;
}

function defaultNotify(message: string, reload: () => void): void {
  Notification.error(message, {
    autoClose: false,
    actions: [{ label: 'Reload', callback: reload, displayType: 'accent' }]
  });
}

/** Watches kernels and tells the learner once when one does not start in time. */
export class SlowStartWatchdog {
  constructor(options: ISlowStartOptions = {}) {
    this._timeoutMs = options.timeoutMs ?? SLOW_START_MS;
    this._notify = options.notify ?? defaultNotify;
    this._saveAll = options.saveAll ?? (() => Promise.resolve());
  }

  /** Follow a notebook's or console's session context and its kernels. */
  watchSessionContext(context: ISessionContext): void {
    followKernels(context, this._contexts, kernel => this.watchKernel(kernel));
  }

  /** Follow one kernel connection through its starts and restarts. */
  watchKernel(kernel: Kernel.IKernelConnection): void {
    if (this._kernels.has(kernel) || kernel.isDisposed) {
      return;
    }
    this._kernels.add(kernel);
    const timers = { id: 0 };
    const stop = () => {
      if (timers.id) {
        window.clearTimeout(timers.id);
        timers.id = 0;
      }
    };
    const onStatus = (_: unknown, status: Kernel.Status) => {
      if (isStarting(status)) {
        if (!timers.id) {
          const started = performance.now();
          timers.id = window.setTimeout(() => {
            timers.id = 0;
            this._tooSlow(kernel, performance.now() - started);
          }, this._timeoutMs);
        }
      } else if (status === 'idle' || status === 'dead') {
        // 'busy' alone proves nothing: a stalled start may have accepted a request
        stop();
      }
    };
    kernel.statusChanged.connect(onStatus);
    kernel.disposed.connect(stop);
    onStatus(kernel, kernel.status);
  }

  private _tooSlow(kernel: Kernel.IKernelConnection, ms: number): void {
    console.warn(
      `[litecourse] kernel ${kernel.id} not ready after ${Math.round(ms)} ms ` +
        `(status "${kernel.status}"); asking the learner to reload`
    );
    if (this._told) {
      return;
    }
    this._told = true;
    this._notify(SLOW_START_MESSAGE, () => {
      void this._saveAll()
        .catch(error =>
          console.warn('[litecourse] save before reload failed:', error)
        )
        .then(() => window.location.reload());
    });
  }

  private _timeoutMs: number;
  private _notify: (message: string, reload: () => void) => void;
  private _saveAll: () => Promise<unknown>;
  private _told = false;
  private _contexts = new WeakSet<ISessionContext>();
  private _kernels = new WeakSet<Kernel.IKernelConnection>();
}
