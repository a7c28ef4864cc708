"""micropip offline: the static index of shipped wheels and the start-up code (issue 8).

The start-up code is run here on CPython against stand-ins for ``micropip`` and
``pyodide_js``; the browser test runs it for real in the Pyodide kernel.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.course import Course  # noqa: E402
from build_tools.offline_pip import startup_code, with_offline_pip, write_index  # noqa: E402

LOCK = {"info": {}, "packages": {
    "pint": {"name": "Pint", "version": "0.26.2", "file_name": "pint-0.26.2-py3-none-any.whl", "sha256": "aa"},
    "typing-extensions": {"name": "typing_extensions", "file_name": "typing_extensions-4.15.0-py3-none-any.whl",
                          "sha256": "bb"},
    "libfoo": {"name": "libfoo", "file_name": "libfoo-1.zip", "sha256": "cc"},
}}


class Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])



def run_async(coro):
    """Run a coroutine to its end in a thread of its own (another test may own this thread's loop)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()

def test_index_has_a_pep503_page_per_shipped_wheel_linking_the_wheel_beside_the_lock(tmp_path):
    (tmp_path / "pyodide-lock.json").write_text(json.dumps(LOCK))
    assert write_index(tmp_path) == ["pint", "typing-extensions"]
    page = Hrefs()
    page.feed((tmp_path / "simple/pint/index.html").read_text())
    assert page.hrefs == ["../../pint-0.26.2-py3-none-any.whl#sha256=aa"]
    wheel = (tmp_path / "simple/pint/" / page.hrefs[0].split("#")[0]).resolve()
    assert wheel == (tmp_path / "pint-0.26.2-py3-none-any.whl").resolve()
    root = Hrefs()
    root.feed((tmp_path / "simple/index.html").read_text())
    assert root.hrefs == ["pint/", "typing-extensions/"]


@pytest.fixture
def kernel(monkeypatch):
    """Run the start-up code with stand-in micropip/pyodide_js; returns (namespace, micropip, calls)."""
    calls: list[tuple] = []
    micropip = types.ModuleType("micropip")

    async def install(requirements, *args, **kwargs):
        calls.append((requirements, kwargs))
        return "installed"

    micropip.install = install
    micropip.set_index_urls = lambda urls: setattr(micropip, "index_urls", urls)
    pyodide_js = types.ModuleType("pyodide_js")
    pyodide_js.lockfileBaseUrl = "http://127.0.0.1:9/course/static/pyodide/"
    monkeypatch.setitem(sys.modules, "micropip", micropip)
    monkeypatch.setitem(sys.modules, "pyodide_js", pyodide_js)
    namespace: dict = {}
    exec(startup_code(["pint", "typing-extensions"], ["pint"]), namespace)
    return namespace, micropip, calls


def test_startup_points_micropip_at_the_absolute_course_index_and_leaves_no_names(kernel):
    namespace, micropip, _ = kernel
    assert micropip.index_urls == ["http://127.0.0.1:9/course/static/pyodide/simple"]
    assert [n for n in namespace if not n.startswith("__")] == []


def test_shipped_names_are_installed_whatever_their_spelling(kernel):
    _, micropip, calls = kernel
    assert run_async(micropip.install("Typing_Extensions>=4")) == "installed"
    assert run_async(micropip.install(requirements=["pint"], keep_going=True)) == "installed"
    assert [c[0] for c in calls] == ["Typing_Extensions>=4", ["pint"]]


def test_an_unshipped_name_fails_at_once_saying_it_is_not_part_of_the_course(kernel):
    _, micropip, calls = kernel
    with pytest.raises(ValueError) as caught:
        run_async(micropip.install(["pint", "requests"]))
    assert calls == [], "nothing was fetched or installed"
    message = str(caught.value)
    assert message.startswith("'requests' is not part of this course")
    assert message.endswith("You can install: pint.")
    assert caught.value._render_traceback_() == [f"NotInThisCourse: {message}"]


def test_wheel_urls_are_left_to_micropip(kernel):
    _, micropip, calls = kernel
    run_async(micropip.install("http://127.0.0.1:9/x-1-py3-none-any.whl"))
    assert len(calls) == 1


def test_the_course_snippet_keeps_its_own_lines_first():
    course = with_offline_pip(Course("c", "C", "1", startup="%load_ext workings", installable=("Pint",)), ["pint"])
    assert course.startup.startswith("%load_ext workings\n")
    assert 'use_course_index(["pint"], ["pint"], "simple")' in course.startup, "installable names, canonical"
