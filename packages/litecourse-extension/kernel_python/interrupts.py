"""Sent by the extension when a Python kernel starts (``src/interrupts.ts`` says why): lets
Kernel › Interrupt and ■ stop running Python.

``listen(url, buffer_js)`` hands Pyodide an interrupt "buffer" made by ``buffer_js``
(``interrupt_buffer.js``): Python's eval loop reads its first element every few thousand
bytecodes, and that read asks the site's service worker, at most every ``ASK_EVERY_MS``,
whether ■ was pressed. Run through ``exec`` in a private namespace; never raises.
"""

import time

#: how often a running kernel asks (a synchronous request to the service worker costs well
#: under a millisecond; 5 a second keeps the stop prompt and the cost negligible)
ASK_EVERY_MS = 200

#: the longest ``time.sleep`` slice between two looks at the buffer
SLEEP_SLICE_S = 0.1


def interruptible_sleep(sleep, set_buffer, buffer, clock=time.monotonic):
    """``time.sleep`` that an interrupt stops, in slices with the buffer off while asleep.

    Pyodide sleeps by letting the worker's event loop run (``run_sync``); Python run by that
    loop meanwhile would read the buffer and take the KeyboardInterrupt meant for the learner's
    code, leaving the sleep waiting forever. So the buffer is off during each slice and back
    on between slices, where the learner's code reads it.

    >>> calls = []
    >>> nap = interruptible_sleep(lambda s: calls.append(round(s, 2)), lambda b: calls.append(b), "B",
    ...                           clock=iter([0.0, 0.0, 0.1, 0.2, 0.25]).__next__)
    >>> nap(0.25); calls
    [None, 0.1, 'B', None, 0.1, 'B', None, 0.05, 'B']
    """

    def sleep_in_slices(seconds):
        end = clock() + max(float(seconds), 0.0)
        while True:
            left = end - clock()
            if left <= 0:
                return
            set_buffer(None)
            try:
                sleep(min(left, SLEEP_SLICE_S))
            finally:
                set_buffer(buffer)

    sleep_in_slices.__doc__ = getattr(sleep, "__doc__", None)
    sleep_in_slices._litecourse = True
    return sleep_in_slices


def listen(url, buffer_js):
    """Make ``url`` the place a running kernel asks whether to stop; True when installed."""
    try:
        import pyodide_js
        from pyodide.code import run_js
    except ImportError:
        return False  # not in Pyodide
    try:
        buffer = run_js(buffer_js)(url, ASK_EVERY_MS)
        pyodide_js.setInterruptBuffer(buffer)
        if not getattr(time.sleep, "_litecourse", False):
            time.sleep = interruptible_sleep(time.sleep, pyodide_js.setInterruptBuffer, buffer)
    except Exception:  # noqa: BLE001 - a kernel without interrupts still runs
        return False
    return True
