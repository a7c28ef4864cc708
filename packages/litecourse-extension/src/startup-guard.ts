/**
 * Python sent around the course start-up snippet so that its failure cannot
 * hurt the learner's cells.
 *
 * Why: JupyterLite's kernel client cancels every request still waiting for
 * the kernel when one of them replies with an error (`stop_on_error` is not
 * honoured), and the learner's first cell may be waiting right behind the
 * snippet. So, before the snippet, `ARM_CODE` installs an IPython custom
 * exception handler (IPython consults it for syntax errors and for errors
 * while running); it turns any error of the snippet into one marked line on
 * stderr, which only the snippet's own request sees, and the reply stays
 * "ok". `DISARM_CODE`, sent after the snippet, puts the previous handler back
 * (the handler also does so itself when it fires).
 *
 * Both run through `exec` in a private namespace, so they leave no names in
 * the learner's namespace, and catch everything, so they never reply with an
 * error themselves. This module has no imports so tests can load it alone.
 */

/** Prefix of the stderr line that carries a snippet error as JSON. */
export const STARTUP_ERROR_MARKER = 'LITECOURSE_STARTUP_ERROR ';

const ARM_SOURCE = `
def _arm():
    try:
        from IPython import get_ipython
        ip = get_ipython()
    except Exception:
        return
    if ip is None or not hasattr(ip, "set_custom_exc"):
        return
    import json, sys, traceback
    previous = (ip.custom_exceptions, ip.CustomTB)

    def disarm():
        ip.custom_exceptions, ip.CustomTB = previous
        ip.__dict__.pop("_litecourse_disarm_startup", None)

    def report(shell, etype, value, tb, tb_offset=None):
        disarm()
        detail = {
            "ename": etype.__name__,
            "evalue": str(value),
            "traceback": traceback.format_exception(etype, value, tb),
        }
        print(${JSON.stringify(STARTUP_ERROR_MARKER)} + json.dumps(detail), file=sys.stderr, flush=True)
        return []

    ip.set_custom_exc((Exception,), report)
    ip._litecourse_disarm_startup = disarm

try:
    _arm()
except Exception:
    pass
`;

const DISARM_SOURCE = `
try:
    from IPython import get_ipython
    getattr(get_ipython(), "_litecourse_disarm_startup", lambda: None)()
except Exception:
    pass
`;

/** Wrap Python source as one `exec` statement with a private namespace. */
function privately(source: string, name: string): string {
  return `exec(compile(${JSON.stringify(source)}, "<${name}>", "exec"), {"__name__": "${name}"})`;
}

/** Sent before the snippet: errors of the snippet become a marked stderr line. */
export const ARM_CODE = privately(ARM_SOURCE, 'litecourse-startup-arm');

/** Sent after the snippet: the learner's errors show as usual again. */
export const DISARM_CODE = privately(DISARM_SOURCE, 'litecourse-startup-disarm');

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
        traceback: Array.isArray(data.traceback) ? data.traceback.map(String) : []
      };
    } catch {
      return { ename: 'Error', evalue: line, traceback: [] };
    }
  }
  return null;
}
