/**
 * Decisions about the course start-up snippet, kept free of JupyterLab
 * imports so they can be tested with plain node.
 */

/** Kernel statuses after which the kernel is a fresh interpreter again. */
const RESTART_STATUSES: ReadonlySet<string> = new Set([
  'restarting',
  'autorestarting'
]);

/** Kernel statuses in which nothing can be run any more. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['dead']);

/**
 * Is this a Python kernel?
 *
 * The kernel spec's language decides when it is known; otherwise the kernel
 * name (the Pyodide kernel is called `python`).
 *
 * Example: `isPythonKernel('python', undefined)` is true,
 * `isPythonKernel('javascript', 'javascript')` is false.
 */
export function isPythonKernel(
  name: string,
  language: string | null | undefined
): boolean {
  if (language) {
    return language.toLowerCase() === 'python';
  }
  return /python|pyodide/i.test(name);
}

/** Does this status change mean the kernel has started again from scratch? */
export function isRestartStatus(status: string): boolean {
  return RESTART_STATUSES.has(status);
}

/** What the extension knows when it considers running the snippet. */
export interface IStartupFacts {
  /** The snippet to run (after configuration defaults). */
  snippet: string;
  /** Whether the kernel runs Python. */
  isPython: boolean;
  /** The kernel connection's current status. */
  status: string;
  /** Whether this start of the kernel already has (or has queued) the snippet. */
  alreadyQueued: boolean;
}

/**
 * Should the snippet be queued on the kernel now?
 *
 * Yes for a Python kernel whose current start has not had it yet, while the
 * kernel can still take requests, and only if there is something to run.
 *
 * Example: `shouldRunStartup({snippet: 'import sys', isPython: true,
 * status: 'starting', alreadyQueued: false})` is true.
 */
export function shouldRunStartup(facts: IStartupFacts): boolean {
  return (
    facts.snippet.trim() !== '' &&
    facts.isPython &&
    !facts.alreadyQueued &&
    !FINAL_STATUSES.has(facts.status)
  );
}

/**
 * Which kernel starts already have the snippet.
 *
 * Several connections can share one kernel (a notebook and the console opened
 * for it); the ledger keeps the snippet to once per start of the kernel.
 */
export class StartupLedger {
  private _queued = new Set<string>();

  /** Has the current start of this kernel had the snippet queued? */
  has(kernelId: string): boolean {
    return this._queued.has(kernelId);
  }

  /**
   * Claim the current start of this kernel: true for the first caller only.
   *
   * Example: `ledger.claim('k1')` is true, a second `ledger.claim('k1')` false.
   */
  claim(kernelId: string): boolean {
    if (this._queued.has(kernelId)) {
      return false;
    }
    this._queued.add(kernelId);
    return true;
  }

  /** The kernel restarted or went away: its next start needs the snippet. */
  release(kernelId: string): void {
    this._queued.delete(kernelId);
  }
}

/** The parts of an `execute_reply` that say how a run went. */
export interface IReplyContent {
  status: string;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/**
 * A one-line, console-friendly description of a failed run, or null if the
 * run succeeded.
 *
 * Example: `describeFailure({status: 'error', ename: 'ModuleNotFoundError',
 * evalue: "No module named 'x'"})` is `"ModuleNotFoundError: No module named 'x'"`.
 */
export function describeFailure(content: IReplyContent): string | null {
  if (content.status === 'ok') {
    return null;
  }
  if (content.ename) {
    return content.evalue ? `${content.ename}: ${content.evalue}` : content.ename;
  }
  return `the kernel replied "${content.status}"`;
}
