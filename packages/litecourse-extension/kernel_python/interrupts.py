"""Sent by the extension when a Python kernel starts (``src/interrupts.ts`` says why): lets
Kernel › Interrupt and ■ stop running Python.

``listen(url, buffer_js)`` hands Pyodide an interrupt "buffer" made by ``buffer_js``
(``interrupt_buffer.js``): Python's eval loop reads its first element every few thousand
bytecodes, and that read asks the site's service worker, at most every ``ASK_EVERY_MS``,
whether ■ was pressed. Run through ``exec`` in a private namespace; never raises.
"""

#: how often a running kernel asks (a synchronous request to the service worker costs well
#: under a millisecond; 5 a second keeps the stop prompt and the cost negligible)
ASK_EVERY_MS = 200


def listen(url, buffer_js):
    """Make ``url`` the place a running kernel asks whether to stop; True when installed."""
    try:
        import pyodide_js
        from pyodide.code import run_js
    except ImportError:
        return False  # not in Pyodide
    try:
        make_buffer = run_js(buffer_js)
        pyodide_js.setInterruptBuffer(make_buffer(url, ASK_EVERY_MS))
    except Exception:  # noqa: BLE001 - a kernel without interrupts still runs
        return False
    return True
