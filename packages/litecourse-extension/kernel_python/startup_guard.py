"""Sent by the extension around the course start-up snippet, so that its failure cannot hurt
the learner's cells (``src/startup-guard.ts`` says why, ``src/startup.ts`` sends it).

``arm()``, sent before the snippet, installs an IPython custom exception handler that turns
any error of the snippet into one marked line on stderr (the reply stays "ok");
``disarm()``, sent after it, puts the previous handler back and takes the guarded requests
out of ``In``, ``Out``, ``_iN`` and the execution count. Each is sent as this whole file
plus its call, through ``exec`` in a private namespace; neither ever raises.

Bundled into the extension as text (``webpack.config.js``: ``*.py`` is an asset source).
"""

#: prefix of the stderr line that carries a snippet error as JSON (the extension reads it)
STARTUP_ERROR_MARKER = "LITECOURSE_STARTUP_ERROR "
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


def _install_handler():
    """Report the snippet's errors as a marked stderr line; leave ``disarm`` a way back."""
    try:
        from IPython import get_ipython
        ip = get_ipython()
    except Exception:
        return
    if ip is None or not hasattr(ip, "set_custom_exc"):
        return
    import json
    import sys
    import traceback

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
        print(STARTUP_ERROR_MARKER + json.dumps(detail), file=sys.stderr, flush=True)
        return []

    def undo():
        restore_handler()
        ip.__dict__.pop("_litecourse_disarm_startup", None)
        _forget(ip, snap)

    ip.set_custom_exc((Exception,), report)
    ip._litecourse_disarm_startup = undo


def arm():
    """Install the handler before the snippet (never raises)."""
    try:
        _install_handler()
    except Exception:
        pass


def disarm():
    """Put the learner's error display back after the snippet (never raises)."""
    try:
        from IPython import get_ipython

        getattr(get_ipython(), "_litecourse_disarm_startup", lambda: None)()
    except Exception:
        pass
