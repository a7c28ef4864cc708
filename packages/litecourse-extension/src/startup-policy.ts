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
 * Which kernel starts already have the snippet, and through which connection.
 *
 * Several connections can share one kernel (a notebook and the console opened
 * for it, or a session context replacing its connection while the kernel
 * starts); the ledger keeps the snippet to once per start of the kernel. A
 * claim whose connection goes away before the kernel answered is given up, so
 * another connection to the same kernel can run the snippet instead.
 */
export class StartupLedger<TOwner> {
  private _claims = new Map<string, { owner: TOwner; answered: boolean }>();

  /** Has the current start of this kernel had the snippet queued? */
  has(kernelId: string): boolean {
    return this._claims.has(kernelId);
  }

  /**
   * Claim the current start of this kernel for `owner`: true for the first
   * caller only.
   *
   * Example: `ledger.claim('k1', a)` is true, then `ledger.claim('k1', b)` false.
   */
  claim(kernelId: string, owner: TOwner): boolean {
    if (this._claims.has(kernelId)) {
      return false;
    }
    this._claims.set(kernelId, { owner, answered: false });
    return true;
  }

  /** The kernel answered the snippet (success or error): it has run. */
  answered(kernelId: string, owner: TOwner): void {
    const claim = this._claims.get(kernelId);
    if (claim && claim.owner === owner) {
      claim.answered = true;
    }
  }

  /**
   * `owner` went away. If it held an unanswered claim, give the claim up and
   * return true: the snippet may never have reached the kernel.
   */
  abandon(kernelId: string, owner: TOwner): boolean {
    const claim = this._claims.get(kernelId);
    if (claim && claim.owner === owner && !claim.answered) {
      this._claims.delete(kernelId);
      return true;
    }
    return false;
  }

  /** The kernel restarted: its next start needs the snippet. */
  release(kernelId: string): void {
    this._claims.delete(kernelId);
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
    return content.evalue
      ? `${content.ename}: ${content.evalue}`
      : content.ename;
  }
  return `the kernel replied "${content.status}"`;
}
