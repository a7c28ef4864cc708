/**
 * Python sent around the course start-up snippet so that its failure cannot
 * hurt the learner's cells.
 *
 * Why: JupyterLite's kernel client cancels every request still waiting for
 * the kernel when one of them replies with an error (`stop_on_error` is not
 * honoured), and the learner's first cell may be waiting right behind the
 * snippet. So, before the snippet, the arm request installs an IPython custom
 * exception handler (IPython consults it for syntax errors and for errors
 * while running); it turns any error of the snippet into one marked line on
 * stderr, which only the snippet's own request sees, and the reply stays
 * "ok". The disarm request, sent after it, puts the previous handler back
 * (the handler also does so itself when it fires) and, where the kernel
 * ignored `store_history: false` (Pyodide does), takes the three requests out
 * of `In`, `Out`, `_iN` and the execution count, so the learner's first cell
 * is `In[1]`/`Out[1]`, matching its prompt.
 *
 * The Python is `kernel_python/startup_guard.py` (a real file, so linters and
 * tests see it); both requests run it through `exec` in a private namespace, so
 * they leave no names in the learner's namespace, and catch everything, so they
 * never reply with an error themselves. This module has no imports so tests can
 * load it alone.
 */

/** Prefix of the stderr line that carries a snippet error as JSON. */
export const STARTUP_ERROR_MARKER = 'LITECOURSE_STARTUP_ERROR ';

/** The name the arm request runs under (the guard's Python looks for it in the history). */
const ARM_NAME = 'litecourse-startup-arm';

/**
 * Wrap Python source and one call as one `exec` statement with a private
 * namespace.
 *
 * Example: `privately('x = 1', 'n', 'f()')` runs `x = 1\nf()` as `<n>`.
 */
export function privately(source: string, name: string, call: string): string {
  const code = `${source}\n${call}\n`;
  return `exec(compile(${JSON.stringify(code)}, "<${name}>", "exec"), {"__name__": "${name}"})`;
}

/** The two requests sent around the snippet. */
export interface IGuardCode {
  /** Sent before the snippet: errors of the snippet become a marked stderr line. */
  arm: string;
  /** Sent after the snippet: the learner's errors show as usual again. */
  disarm: string;
}

/**
 * The guard's requests from its Python source (`kernel_python/startup_guard.py`,
 * bundled as text).
 */
export function guardCode(source: string): IGuardCode {
  return {
    arm: privately(source, ARM_NAME, 'arm()'),
    disarm: privately(source, 'litecourse-startup-disarm', 'disarm()')
  };
}

/** A snippet error reported by the handler. */
export interface IStartupError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/**
 * Find a reported snippet error in stderr text, or null.
 *
 * Example: `parseStartupError('LITECOURSE_STARTUP_ERROR {"ename": "E",
 * "evalue": "v", "traceback": []}\n').ename` is `"E"`.
 */
export function parseStartupError(text: string): IStartupError | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(STARTUP_ERROR_MARKER)) {
      continue;
    }
    try {
      const data = JSON.parse(line.slice(STARTUP_ERROR_MARKER.length));
      return {
        ename: String(data.ename ?? 'Error'),
        evalue: String(data.evalue ?? ''),
        traceback: Array.isArray(data.traceback)
          ? data.traceback.map(String)
          : []
      };
    } catch {
      return { ename: 'Error', evalue: line, traceback: [] };
    }
  }
  return null;
}

/**
 * Prefix of a stderr line with a notice for the learner from the start-up
 * (written by the build's `kernel_code/our_tools_first.py`, e.g. a learner's
 * `workings.py` beside the notebook that shares a course tool's name).
 */
export const STARTUP_NOTICE_MARKER = 'LITECOURSE_STARTUP_NOTICE ';

/**
 * The messages of every notice line in stderr text, in order.
 *
 * Example: `parseStartupNotices('LITECOURSE_STARTUP_NOTICE {"message": "m"}\n')`
 * is `["m"]`; lines without the marker or without a text message are skipped.
 */
export function parseStartupNotices(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(STARTUP_NOTICE_MARKER)) {
      continue;
    }
    try {
      const data = JSON.parse(line.slice(STARTUP_NOTICE_MARKER.length));
      if (data && typeof data.message === 'string' && data.message.trim()) {
        found.push(data.message.trim());
      }
    } catch {
      // a damaged line is not worth a learner's attention
    }
  }
  return found;
}
