"""A flood of output cannot freeze the learner's tab (kernel start-up code, ``kernel_code/output_limit.py``).

The limit's logic on CPython with a clock the test moves; the browser tests
(tests/browser/test_interrupt.py) run it in the real kernel.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.course import Course  # noqa: E402
from build_tools.kernel_code.output_limit import NOTICE, OutputLimit  # noqa: E402
from build_tools.output_limit import LIMIT_PY, startup_code, with_output_limit  # noqa: E402


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def limit_with(clock=None, **options):
    sent: list[tuple[str, str]] = []
    notices: list[str] = []
    limit = OutputLimit(notify=notices.append, clock=clock or Clock(), **options)
    return limit, sent, notices, lambda stream, text: sent.append((stream, text))


def test_a_few_prints_go_out_at_once_one_message_each():
    limit, sent, notices, send = limit_with()
    for n in range(3):
        limit.write("stdout", f"{n}\n", send)
    assert sent == [("stdout", "0\n"), ("stdout", "1\n"), ("stdout", "2\n")]
    assert notices == []


def test_a_burst_is_gathered_into_few_messages_and_nothing_is_lost():
    clock = Clock()
    limit, sent, notices, send = limit_with(clock)
    for n in range(2000):
        limit.write("stdout", f"{n}\n", send)
        clock.now += 0.0001  # 10,000 writes a second
    limit.finish()
    text = "".join(t for _, t in sent)
    assert text == "".join(f"{n}\n" for n in range(2000))
    assert len(sent) < 200, f"{len(sent)} messages for 2,000 writes in 0.2 s"
    assert notices == []


def test_gathered_text_is_sent_before_a_display_and_at_the_end_of_the_run():
    clock = Clock()
    limit, sent, _, send = limit_with(clock, burst=1)
    limit.write("stdout", "a\n", send)
    limit.write("stdout", "b\n", send)  # held: the burst is over
    assert sent == [("stdout", "a\n")]
    assert limit.count_display() is True
    assert sent == [("stdout", "a\n"), ("stdout", "b\n")]
    limit.write("stdout", "c\n", send)
    limit.finish()
    assert sent[-1] == ("stdout", "c\n")


def test_stdout_and_stderr_keep_their_order():
    limit, sent, _, send = limit_with(burst=0)
    limit.write("stdout", "out\n", send)
    limit.write("stderr", "err\n", send)
    limit.write("stdout", "out again\n", send)
    limit.finish()
    assert sent == [("stdout", "out\n"), ("stderr", "err\n"), ("stdout", "out again\n")]


def test_past_the_budget_one_notice_says_the_rest_is_not_shown_and_how_to_stop():
    limit, sent, notices, send = limit_with(max_lines=10)
    for n in range(1000):
        limit.write("stdout", f"{n}\n", send)
    shown = "".join(t for _, t in sent)
    assert shown.count("\n") == 10
    assert len(notices) == 1
    assert notices[0].strip().startswith(NOTICE) and "Interrupt" in notices[0] and "10 lines" in notices[0]


def test_the_end_of_the_run_says_how_much_was_not_shown():
    limit, _, notices, send = limit_with(max_lines=10)
    for _ in range(1000):
        limit.write("stdout", "x\n", send)
    limit.finish()
    assert notices[-1] == f"{NOTICE} 990 more lines (2.0 KB) were not shown.\n"


def test_the_budget_counts_bytes_too():
    limit, sent, notices, send = limit_with(max_bytes=1000)
    limit.write("stdout", "y" * 5000, send)
    limit.finish()
    assert sum(len(t) for _, t in sent) == 1000
    assert "4.0 KB" in notices[-1]


def test_displays_count_against_the_budget_and_are_dropped_past_it():
    limit, _, notices, _ = limit_with(max_lines=3)
    shown = [limit.count_display() for _ in range(5)]
    assert shown == [True, True, True, False, False]
    assert len(notices) == 1


def test_each_run_starts_with_a_fresh_budget():
    limit, sent, _, send = limit_with(max_lines=2)
    for _ in range(5):
        limit.write("stdout", "x\n", send)
    limit.finish()
    sent.clear()
    limit.write("stdout", "new run\n", send)
    assert sent == [("stdout", "new run\n")]


def test_the_limit_is_appended_to_the_course_start_up_snippet():
    course = Course(id="c", title="C", version="1", startup="%load_ext workings")
    startup = with_output_limit(course).startup
    assert startup.startswith("%load_ext workings\n")
    assert startup.endswith(startup_code())
    assert "_litecourse_limit_output(5000, 500000)" in startup


def test_the_start_up_code_does_nothing_outside_the_pyodide_kernel():
    namespace: dict = {}
    exec(compile(LIMIT_PY.read_text(), str(LIMIT_PY), "exec"), namespace)
    assert namespace["_litecourse_limit_output"](10, 100) is None
