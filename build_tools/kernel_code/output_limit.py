"""Runs in the Pyodide kernel at start-up: a flood of output cannot freeze the learner's tab.

``while True: print(n)`` (the textbook loop whose ``n`` never changes) used to send one
message to the page per ``write``, hundreds of thousands a second, and the page died drawing
them. In Jupyter, ipykernel gathers output on a thread and the server drops what comes too
fast (its iopub data-rate limit); Pyodide has no threads, so this does both in ``write``:

- **Bursts are gathered**: the first writes of each tenth of a second go out at once, as
  before (so ``print`` then a long computation shows the print), after that a burst's text is
  sent at most every 50 ms as one message; anything gathered is sent before any other output
  (a display, the cell's result, an ``input()`` prompt) and when the cell ends.
- **Each run shows at most a budget** of lines and bytes; past it, one notice says the rest is
  not shown and that ■ stops the cell, and the cell's end says how much was left out.

Pure Python; :func:`_litecourse_limit_output` does nothing outside the Pyodide kernel.
"""

import time

#: prefix of every line this module adds to the output
NOTICE = "\u26a0 Output limit:"


def _litecourse_count(n):
    """A count with thousands separators.

    >>> _litecourse_count(1234567)
    '1,234,567'
    """
    return f"{n:,}"


def _litecourse_size(n):
    """A size in plain words (decimal units).

    >>> _litecourse_size(2_500_000), _litecourse_size(900)
    ('2.5 MB', '900 bytes')
    """
    value, unit = float(n), 0
    units = ("bytes", "KB", "MB", "GB")
    while value >= 1000 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    if unit == 0:
        return f"{int(value)} bytes"
    return f"{value:.1f} {units[unit]}" if value < 10 else f"{round(value)} {units[unit]}"


class OutputLimit:
    """Gathers bursts of output and caps what one run shows.

    ``send(stream, text)`` (given with each write) delivers text, ``notify(text)`` shows a
    notice, ``clock()`` gives seconds. Call :meth:`start` when a run begins, :meth:`write` for
    every write, :meth:`count_display` before a display, and :meth:`finish` when the run ends.

    >>> sent = []
    >>> limit = OutputLimit(max_lines=3, max_bytes=1000, notify=sent.append, clock=lambda: 0.0)
    >>> for n in range(5):
    ...     limit.write("stdout", f"{n}\\n", lambda s, t: sent.append(t))
    >>> limit.finish()
    >>> sent[:3], sent[3].startswith("\\n" + NOTICE), sent[4]
    (['0\\n', '1\\n', '2\\n'], True, '\\u26a0 Output limit: 2 more lines (4 bytes) were not shown.\\n')
    """

    def __init__(self, max_lines=5000, max_bytes=500_000, notify=print, burst=100, window=0.1, every=0.05,
                 gather_bytes=65536, clock=time.monotonic):
        self.max_lines, self.max_bytes, self.notify = max_lines, max_bytes, notify
        self.burst, self.window, self.every, self.gather_bytes = burst, window, every, gather_bytes
        self.clock = clock
        self.start()

    def start(self):
        """A new run: nothing shown yet, nothing held."""
        self.lines = self.bytes = 0
        self.hidden_lines = self.hidden_bytes = 0
        self.capped = False
        self.held, self.held_stream, self.held_send = [], None, None
        self.window_start, self.window_writes = self.clock(), 0
        self.last_sent = float("-inf")

    def write(self, stream, text, send):
        """Show ``text`` on ``stream`` now, a little later (gathered) or never (over the budget)."""
        if not text:
            return
        if self.capped:
            self._hide(text)
            return
        shown, rest = self._within_budget(text)
        if shown:
            self._pass(stream, shown, send)
        if rest:
            self._cap()
            self._hide(rest)

    def count_display(self):
        """A display is about to be shown: False when the run is over its budget (drop it)."""
        if self.capped:
            self.hidden_lines += 1
            return False
        self.flush()
        if self.lines >= self.max_lines:
            self._cap()
            self.hidden_lines += 1
            return False
        self.lines += 1
        return True

    def flush(self):
        """Send what is held, as one message."""
        if self.held:
            text, self.held = "".join(self.held), []
            self.held_send(self.held_stream, text)
            self.last_sent = self.clock()

    def finish(self):
        """The run ended: send what is held and say how much was not shown."""
        self.flush()
        if self.hidden_lines or self.hidden_bytes:
            self.notify(f"{NOTICE} {self._hidden_text()} were not shown.\n")
        self.start()

    def _pass(self, stream, text, send):
        now = self.clock()
        if now - self.window_start >= self.window:
            self.window_start, self.window_writes = now, 0
        self.window_writes += 1
        if self.held and (stream != self.held_stream or send is not self.held_send):
            self.flush()
        if self.window_writes <= self.burst and not self.held:
            send(stream, text)
            self.last_sent = now
            return
        self.held.append(text)
        self.held_stream, self.held_send = stream, send
        if now - self.last_sent >= self.every or sum(map(len, self.held)) >= self.gather_bytes:
            self.flush()

    def _within_budget(self, text):
        """``text`` split into what the budget still shows and the rest.

        >>> OutputLimit(max_lines=2, max_bytes=100)._within_budget("a\\nb\\nc\\nd")
        ('a\\nb\\n', 'c\\nd')
        >>> OutputLimit(max_lines=9, max_bytes=3)._within_budget("abcdef")
        ('abc', 'def')
        """
        lines_left, bytes_left = self.max_lines - self.lines, self.max_bytes - self.bytes
        shown = text
        if shown.count("\n") > lines_left:
            ends = [i for i, c in enumerate(shown) if c == "\n"][: max(lines_left, 0)]
            shown = shown[: ends[-1] + 1] if ends else ""
        encoded = shown.encode("utf-8", "replace")
        if len(encoded) > bytes_left:
            shown = encoded[: max(bytes_left, 0)].decode("utf-8", "ignore")
        self.lines += shown.count("\n")
        self.bytes += len(shown.encode("utf-8", "replace"))
        return shown, text[len(shown):]

    def _cap(self):
        self.capped = True
        self.flush()
        self.notify(
            f"\n{NOTICE} this run printed more than {_litecourse_count(self.max_lines)} lines or "
            f"{_litecourse_size(self.max_bytes)}, so the rest is not shown. If it is still running, "
            "press \u25a0 (Interrupt the kernel) to stop it.\n"
        )

    def _hide(self, text):
        self.hidden_lines += text.count("\n")
        self.hidden_bytes += len(text.encode("utf-8", "replace"))

    def _hidden_text(self):
        lines = self.hidden_lines
        word = "line" if lines == 1 else "lines"
        return f"{_litecourse_count(lines)} more {word} ({_litecourse_size(self.hidden_bytes)})"


def _litecourse_wrap_input(shell_class, name, limit):
    """Make the ``input``/``getpass`` the kernel installs send held output first (the question)."""
    prop = next((vars(c)[name] for c in shell_class.__mro__ if isinstance(vars(c).get(name), property)), None)
    if prop is None or prop.fset is None:
        return

    def setter(self, value):
        def asking(*args, **kwargs):
            limit.flush()
            return value(*args, **kwargs)

        prop.fset(self, asking)

    setattr(shell_class, name, property(prop.fget, setter, prop.fdel, prop.__doc__))


def _litecourse_keep_history_small(shell, limit, before):
    """Keep IPython's record of a run's output (``_tee``) to what is shown.

    IPython 9 wraps each stream's ``write`` for the length of a run to keep all its output in
    the history; past the budget that would be an ever-growing list in the kernel's memory.
    """
    original_tee = getattr(shell, "_tee", None)
    if original_tee is None:
        return
    import contextlib
    import sys

    @contextlib.contextmanager
    def tee(channel):
        before()
        with original_tee(channel):
            stream = getattr(sys, channel)
            record = stream.write  # records, then calls the class's (limited) write

            def write(data, *args, **kwargs):
                if limit.capped:
                    return type(stream).write(stream, data)
                return record(data, *args, **kwargs)

            stream.write = write
            try:
                yield
            finally:
                stream.write = record

    shell._tee = tee


def _litecourse_limit_output(max_lines, max_bytes):
    """Install the limit on the kernel's streams and displays (once); returns it, or None."""
    try:
        import pyodide_kernel
        from IPython import get_ipython
        from pyodide_kernel.display import LiteDisplayPublisher, LiteStream
    except ImportError:
        return None  # not the Pyodide kernel
    shell = get_ipython()
    if shell is None or getattr(LiteStream.write, "_litecourse", False):
        return None
    limit = OutputLimit(max_lines=max_lines, max_bytes=max_bytes)

    original_write = LiteStream.write
    sends = {}
    for stream in (pyodide_kernel.stdout_stream, pyodide_kernel.stderr_stream):

        def send(name, text, stream=stream):
            original_write(stream, text)

        sends[stream.name] = send

    def write(self, text):
        if self.publish_stream_callback and self.name in sends:
            limit.write(self.name, text, sends[self.name])

    def flush(self):
        limit.flush()

    def notify(text):
        if pyodide_kernel.stderr_stream.publish_stream_callback:
            sends["stderr"]("stderr", text)

    def drop_unlimited_writes():
        # IPython's _tee, leaving the run during which this is installed, puts the class's
        # former write back on the instances: take it away, so the class's (ours) is used
        for stream in (pyodide_kernel.stdout_stream, pyodide_kernel.stderr_stream):
            if getattr(vars(stream).get("write"), "__func__", None) is original_write:
                del stream.write

    def start():
        drop_unlimited_writes()
        limit.start()

    write._litecourse = True
    LiteStream.write, LiteStream.flush = write, flush
    limit.notify = notify
    _litecourse_keep_history_small(shell, limit, drop_unlimited_writes)

    publish, clear_output = LiteDisplayPublisher.publish, LiteDisplayPublisher.clear_output

    def limited_publish(self, *args, **kwargs):
        if limit.count_display():
            return publish(self, *args, **kwargs)
        return None

    def limited_clear_output(self, *args, **kwargs):
        limit.flush()
        return clear_output(self, *args, **kwargs)

    LiteDisplayPublisher.publish, LiteDisplayPublisher.clear_output = limited_publish, limited_clear_output
    for name in ("input", "getpass"):
        _litecourse_wrap_input(type(shell), name, limit)
    shell.events.register("pre_execute", start)
    shell.events.register("post_execute", limit.finish)
    return limit
