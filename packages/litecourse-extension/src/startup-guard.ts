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
 * (the handler also does so itself when it fires) and, where the kernel
 * ignored `store_history: false` (Pyodide does), takes the three requests out
 * of `In`, `Out`, `_iN` and the execution count, so the learner's first cell
 * is `In[1]`/`Out[1]`, matching its prompt.
 *
 * Both run through `exec` in a private namespace, so they leave no names in
 * the learner's namespace, and catch everything, so they never reply with an
 * error themselves. This module has no imports so tests can load it alone.
 */

/** Prefix of the stderr line that carries a snippet error as JSON. */
export const STARTUP_ERROR_MARKER = 'LITECOURSE_STARTUP_ERROR ';

const ARM_SOURCE = `
_HISTORY_ATTRS = ("_i00", "_i", "_ii", "_iii")
_HM_TABLES = ("output_hist", "output_hist_reprs", "outputs", "exceptions")


def _snapshot(ip):
    """Where the learner's history stands before the guarded requests."""
    hm = getattr(ip, "history_manager", None)
    raw = list(getattr(hm, "input_hist_raw", None) or [])
    # A kernel that ignores store_history (Pyodide) has already stored this code.
    stored = bool(raw) and "<litecourse-startup-arm>" in raw[-1]
    attrs = [getattr(hm, name, "") for name in _HISTORY_ATTRS]
    dh = ip.displayhook
    return {
        "first": ip.execution_count - 1 if stored else ip.execution_count,
        "keep": len(raw) - 1 if stored else len(raw),
        "attrs": attrs[1:] + [""] if stored else attrs,
        "unders": [getattr(dh, name, None) for name in ("_", "__", "___")],
        "ns_unders": {k: ip.user_ns[k] for k in ("_", "__", "___") if k in ip.user_ns},
    }


def _forget(ip, snap):
    """Take the guarded requests out of In/Out/_iN and the execution count."""
    first, last = snap["first"], ip.execution_count
    if last <= first:
        return
    ns, hidden = ip.user_ns, ip.user_ns_hidden
    hm = getattr(ip, "history_manager", None)

    def drop(name):
        ns.pop(name, None)
        hidden.pop(name, None)

    for n in range(first, last):
        drop(f"_i{n}")
        drop(f"_{n}")
        for table in (ns.get("_oh"), *(getattr(hm, name, None) for name in _HM_TABLES)):
            if isinstance(table, dict):
                table.pop(n, None)
    if hm is not None:
        del hm.input_hist_parsed[snap["keep"]:]
        del hm.input_hist_raw[snap["keep"]:]
        for name in ("db_input_cache", "db_output_cache"):
            cache = getattr(hm, name, None)
            if isinstance(cache, list):
                cache[:] = [entry for entry in cache if entry[0] < first]
        for name, value in zip(_HISTORY_ATTRS, snap["attrs"]):
            setattr(hm, name, value)
        if snap["keep"] <= 1:
            for name in ("_i", "_ii", "_iii"):
                drop(name)
        else:
            # push() keeps user_ns_hidden in step, as IPython itself does
            ip.push({"_i": hm._i, "_ii": hm._ii, "_iii": hm._iii}, interactive=False)
    dh = ip.displayhook
    for name, value in zip(("_", "__", "___"), snap["unders"]):
        setattr(dh, name, value)
        if name in snap["ns_unders"]:
            ip.push({name: snap["ns_unders"][name]}, interactive=False)
        else:
            drop(name)
    ip.execution_count = first


def _arm():
    try:
        from IPython import get_ipython
        ip = get_ipython()
    except Exception:
        return
    if ip is None or not hasattr(ip, "set_custom_exc"):
        return
    import json, sys, traceback
    snap = _snapshot(ip)
    previous = (ip.custom_exceptions, ip.CustomTB)

    def restore_handler():
        ip.custom_exceptions, ip.CustomTB = previous

    def report(shell, etype, value, tb, tb_offset=None):
        restore_handler()
        detail = {
            "ename": etype.__name__,
            "evalue": str(value),
            "traceback": traceback.format_exception(etype, value, tb),
        }
        print(${JSON.stringify(STARTUP_ERROR_MARKER)} + json.dumps(detail), file=sys.stderr, flush=True)
        return []

    def disarm():
        restore_handler()
        ip.__dict__.pop("_litecourse_disarm_startup", None)
        _forget(ip, snap)

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
