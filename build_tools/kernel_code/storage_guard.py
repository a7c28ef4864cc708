"""Runs in the Pyodide kernel at start-up: files written from Python cannot outgrow the browser.

A write through JupyterLite's ``/drive`` that would make a file bigger than the browser
can save (a cap per file, or the space the browser still allows) fails as
``OSError: [Errno 51] No space left: this course's storage is full ...`` (ENOSPC is 51
in Emscripten's libc) instead of
crashing the tab. The refusal itself happens in the filesystem (``write_guard.js``,
passed in as text by the build); this module installs it and puts the explanation in
the error Python shows. Pure Python, harmless outside Pyodide (it then does nothing).
"""

import errno


def _litecourse_size(n):
    """A size in plain words (decimal units).

    >>> _litecourse_size(200_000_000), _litecourse_size(1_500)
    ('200 MB', '1.5 KB')
    """
    value, unit = float(n), 0
    units = ("bytes", "KB", "MB", "GB", "TB")
    while value >= 1000 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    if unit == 0:
        return f"{int(value)} bytes"
    return f"{value:.1f} {units[unit]}" if value < 10 else f"{round(value)} {units[unit]}"


def _litecourse_full_message(path, size, limit, capped):
    """What a learner reads when a write from Python is refused.

    >>> message = _litecourse_full_message("big.bin", 200_000_000, 50_000_000, True)
    >>> message.startswith("No space left: this course's storage is full for ") and '"big.bin" (200 MB)' in message
    True
    >>> "a file written from Python can be at most 50 MB here" in message
    True
    >>> print(_litecourse_full_message("a.bin", 5_000_000, -1, False))  # doctest: +ELLIPSIS
    No space left: this course's storage is full for "a.bin" (5.0 MB): the browser refused to store it...
    """
    if capped:
        why = (
            f"a file written from Python can be at most {_litecourse_size(limit)} here, "
            "because the browser keeps the course's files in its own storage"
        )
    elif limit < 0:  # the save itself was refused
        why = "the browser refused to store it"
    else:
        why = f"the browser lets this course store only {_litecourse_size(limit)} more"
    return (
        f'No space left: this course\'s storage is full for "{path}" ({_litecourse_size(size)}): {why}. '
        "Nothing else was changed. To make room: download your work (Course › Download all my work), "
        "then delete large files you no longer need."
    )


def _litecourse_explain_full_storage(shell, state):
    """Make the shell show a refused write's ``OSError`` with the plain-words message."""
    original = shell.showtraceback
    if getattr(original, "_litecourse", False):
        return

    def showtraceback(exc_tuple=None, *args, **kwargs):
        try:
            _, value, _ = shell._get_exc_info(exc_tuple)
            refused = getattr(state, "refused", None)
            if isinstance(value, OSError) and value.errno == errno.ENOSPC and refused is not None:
                value.strerror = _litecourse_full_message(refused.path, refused.size, refused.limit, refused.capped)
            elif isinstance(value, OSError) and value.errno == errno.EIO and getattr(refused, "message", ""):
                value.strerror = f'"{refused.path}" could not be saved: {refused.message}'
        except Exception:
            pass  # the usual error display is still better than none
        return original(exc_tuple, *args, **kwargs)

    showtraceback._litecourse = True
    shell.showtraceback = showtraceback


def _litecourse_storage_guard(guard_js, file_cap):
    """Install the write guard on the ``/drive`` mount; returns its state, or None when there is no drive."""
    try:
        import js
        import pyodide_js
        from pyodide.code import run_js
        from pyodide.ffi import to_js
    except ImportError:
        return None  # not in Pyodide
    fs = pyodide_js.FS
    try:
        mount = fs.lookupPath("/drive").node.mount
    except Exception:
        return None
    drive = mount.type
    if getattr(drive, "API", None) is None or getattr(drive, "stream_ops", None) is None:
        return None  # /drive is not JupyterLite's DriveFS here
    try:
        install = run_js(guard_js)
        # ENOSPC as Python sees it (51 in Emscripten's libc, not Linux's 28)
        storage = getattr(getattr(js, "navigator", None), "storage", None)
        codes = to_js({"ENOSPC": errno.ENOSPC, "EINVAL": errno.EINVAL, "EIO": errno.EIO},
                      dict_converter=js.Object.fromEntries)
        state = install(drive, fs, file_cap, storage, codes)
    except Exception as error:  # never stop the kernel from starting over a missing guard
        print(f"[litecourse] file size guard not installed: {error}", file=__import__("sys").stderr)
        return None
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:
        shell = None
    if shell is not None:
        _litecourse_explain_full_storage(shell, state)
    return state
