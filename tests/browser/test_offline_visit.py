"""Offline after one visit (issue #15, item 5): the site's service worker keeps the course.

A learner visits the course once while the server is up ("online": every request is loopback
here), the home page says "available offline", then the server stops and the course still
opens and runs from the copy the worker keeps. A new build served later replaces that copy;
the learner's own work stays theirs. The course is served under ``/course/`` (a worker's scope
that is not the origin's root), from a server whose idle connections close at once, so a
stopped server is a gone network.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
import time

import pytest
from lab import (
    cell_text_outputs,
    new_notebook,
    notebook_json,
    open_notebook,
    run_code,
    set_cell_source,
    wait_for_kernel,
    wait_until_done,
)
from test_site import answer_input

from build_tools.offline_cache import MANIFEST, describe
from build_tools.serve import make_server

pytestmark = pytest.mark.browser

OFFLINE = "#offline"
CHANGED = "describing-code-in-words.ipynb"  # the teacher's new build changes it
EDITED = "welcome.ipynb"  # the learner changes it
MY_EDIT = 'print("my own answer, kept offline")'
CACHE_TIMEOUT_MS = 180_000
QUIET_S = 10  # offline_cache.js: QUIET_MS
LESSONS = "ol.lessons > li"


class Course:
    """A built site served at ``/course/`` of a loopback server that can stop, as a network can go."""

    def __init__(self, root, site, max_age: int = 0):
        """``max_age``: every answer says ``Cache-Control: max-age=...``, as GitHub Pages does
        (600), instead of our server's ``no-cache``."""
        (root / "course").symlink_to(site)
        self.root = root
        # idle keep-alive connections close at once: after stop() no request is answered
        self.server = make_server(root, 0, idle_timeout=0.5)
        self.asked = []  # (monotonic time, path) of every GET
        handler, asked = self.server.RequestHandlerClass, self.asked

        class Logged(handler.func):
            def do_GET(self):
                asked.append((time.monotonic(), self.path))
                super().do_GET()

            def send_header(self, keyword, value):
                if keyword == "Cache-Control" and max_age:
                    value = f"max-age={max_age}"
                super().send_header(keyword, value)

        self.server.RequestHandlerClass = functools.partial(Logged, *handler.args, **handler.keywords)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/course/"
        self.running = True

    def publish(self, site):
        """Serve ``site`` instead, as publishing a new build does."""
        (self.root / "next").symlink_to(site)
        os.replace(self.root / "next", self.root / "course")

    def stop(self):
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False
            time.sleep(1.5)  # connections kept alive close after their idle timeout


@pytest.fixture
def course(tmp_path, built_site):
    served = Course(tmp_path, built_site)
    yield served
    served.stop()


def listing(site) -> dict:
    return json.loads((site / MANIFEST).read_text())


def wait_available_offline(page, version: str) -> str:
    """Wait until the home page says the course (this build) is kept offline; the words shown."""
    page.wait_for_selector(f'{OFFLINE}[data-state="ready"][data-version="{version}"]', timeout=CACHE_TIMEOUT_MS)
    return page.locator(OFFLINE).text_content()


def record_offline_states(page) -> None:
    """Keep, in ``window.offlineStates``, every state the home page's offline line shows."""
    page.add_init_script("""
        window.offlineStates = [];
        new MutationObserver(() => {
            const line = document.getElementById('offline');
            const state = line && !line.hidden && line.getAttribute('data-state');
            if (state && window.offlineStates[window.offlineStates.length - 1] !== state) {
                window.offlineStates.push(state);
            }
        }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    """)


def wait_until(page, expression: str, arg, timeout_ms: int = CACHE_TIMEOUT_MS) -> None:
    """Poll ``expression`` (a function of ``arg`` returning a promise) until it resolves truthy.

    ``page.wait_for_function`` takes a returned promise itself as truthy, never its value.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression, arg):
        assert time.monotonic() < deadline, f"still false after {timeout_ms} ms: {expression}"
        page.wait_for_timeout(500)


def assert_server_gone(page, url: str) -> None:
    """Only the server could answer for the worker's own script (it is never in the copy)."""
    answer = page.evaluate("u => fetch(u, {cache: 'no-store'}).then(() => 'answered', () => 'gone')",
                           f"{url}service-worker.js")
    assert answer == "gone"


def cached_copies(page) -> list[str]:
    return page.evaluate("caches.keys().then(names => names.filter(n => n.startsWith('litecourse-offline')))")


def test_the_build_lists_every_file_a_learner_keeps_offline_and_prints_its_size(built_site):
    data = listing(built_site)
    on_disk = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    assert [f["path"] for f in data["files"]] == [p for p in on_disk if p not in ("service-worker.js", MANIFEST)]
    assert data["bytes"] == sum((built_site / f["path"]).stat().st_size for f in data["files"])
    assert any(f["path"].startswith("static/pyodide/") and f["path"].endswith(".whl") for f in data["files"])
    print(f"\nthe test site keeps {describe(data)} offline")


def test_home_page_says_it_prepares_the_course_then_that_it_is_available_offline(page, course, built_site):
    data = listing(built_site)
    record_offline_states(page)
    page.goto(course.url)
    words = wait_available_offline(page, data["version"])
    assert words.startswith("Available offline")
    assert f"({data['bytes'] / 1e6:.0f} MB)" in words
    assert page.evaluate("window.offlineStates") == ["preparing", "ready"]
    assert page.get_by_role("status").filter(has_text="Available offline").get_attribute("aria-busy") == "false"
    assert len(cached_copies(page)) == 1


def test_with_the_server_stopped_the_home_page_and_a_notebook_open_and_python_runs(page, course, built_site):
    page.goto(course.url)
    wait_available_offline(page, listing(built_site)["version"])
    title = page.locator("h1").text_content()
    course.stop()

    page.reload()
    assert_server_gone(page, course.url)
    assert page.locator("h1").text_content() == title
    assert page.locator("ol.lessons > li").count() > 0
    page.wait_for_selector(f'{OFFLINE}[data-state="ready"]')
    open_notebook(page, course.url, EDITED)  # a shipped notebook, from the copy
    assert notebook_json(page)["cells"]

    new_notebook(page, course.url, "on-the-train.ipynb")
    wait_for_kernel(page)
    assert "42" in cell_text_outputs(run_code(page, "print(6 * 7)"))
    run_code(page, "%%flowchart\nfor step in range(3):\n    print(step)")
    page.wait_for_selector(".jp-Notebook .jp-Cell >> nth=0 >> figure.litecourse-flowchart.litecourse-mod-drawn >> svg")
    # input() goes through the worker's /api/stdin/ relay, which must still work offline
    set_cell_source(page, 0, 'n = int(input("How many? "))\nprint("twice:", n * 2)')
    page.locator(".jp-Notebook .jp-Cell").nth(0).locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    answer_input(page, "21")
    wait_until_done(page)
    assert "twice: 42" in cell_text_outputs(notebook_json(page)["cells"][0])


def test_a_first_visit_to_one_notebook_alone_keeps_the_course_for_later_offline_pages(page, course, built_site):
    version = listing(built_site)["version"]
    open_notebook(page, course.url, EDITED)  # a link straight to a notebook, never the home page
    wait_until(  # the copy is complete: its marker entry is written last
        page,
        """v => caches.keys().then(names => names.find(n => n.startsWith('litecourse-offline') && n.endsWith(' ' + v)))
                .then(name => name && caches.open(name)).then(c => c && c.keys())
                .then(keys => !!keys && keys.some(k => k.url.endsWith('.litecourse-offline-complete')))""",
        version)
    course.stop()
    for _ in range(2):  # JupyterLite's next page would drop a worker it cannot register again
        page.reload()
        assert_server_gone(page, course.url)
        open_notebook(page, course.url, EDITED)
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 1
    page.goto(course.url)
    page.wait_for_selector(f'{OFFLINE}[data-state="ready"][data-version="{version}"]')


def test_the_copy_starts_only_once_the_visits_own_loads_are_over(page, course, built_site):
    open_notebook(page, course.url, EDITED)
    wait_for_kernel(page)
    wait_until(page, "() => caches.keys().then(names => names.some(n => n.startsWith('litecourse-offline')))", None)
    page.wait_for_timeout(3000)
    # the copy takes the listed files in order, a few at a time: the last request for each of
    # the first ones is the copy's (the visit may have asked for it before)
    asked = [(t, path.split("?")[0].removeprefix("/course/")) for t, path in course.asked]
    first = {file["path"] for file in listing(built_site)["files"][:3]}
    copy_began = min(max(t for t, path in asked if path == name) for name in first)
    quiet = copy_began - max(t for t, _ in asked if t < copy_began)
    assert quiet >= QUIET_S - 0.5, f"the copy began {quiet:.1f} s after the visit's last load"


def edit_and_save(page, url: str, path: str) -> None:
    """Open ``path``, type the learner's answer into its first code cell (cell 2), save."""
    open_notebook(page, url, path)
    set_cell_source(page, 2, MY_EDIT)
    page.keyboard.press("Control+S")
    page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)


def test_an_edit_saved_offline_survives_a_reload_offline(page, course, built_site):
    page.goto(course.url)
    wait_available_offline(page, listing(built_site)["version"])
    course.stop()
    edit_and_save(page, course.url, EDITED)
    assert_server_gone(page, course.url)
    page.reload()
    open_notebook(page, course.url, EDITED)
    assert "".join(notebook_json(page)["cells"][2]["source"]) == MY_EDIT


def test_a_new_build_waits_while_another_course_page_is_open_and_the_old_copy_serves_offline(
        page, course, built_site, second_edition):
    a = listing(built_site)["version"]
    assert a != listing(second_edition)["version"]
    page.goto(course.url)
    wait_available_offline(page, a)
    edit_and_save(page, course.url, EDITED)

    course.publish(second_edition)
    # another page of the course is open: the new build's worker waits (switching workers while
    # a page navigates lost that navigation in Chromium), and the home page says so
    other = page.context.new_page()
    other.goto(f"{course.url}lab/index.html?path={EDITED}")
    page.goto(course.url)
    page.wait_for_selector(f'{OFFLINE}[data-state="waiting"]', timeout=CACHE_TIMEOUT_MS)
    assert "the only open page of the course: close its other tab." in page.locator(OFFLINE).text_content()
    assert any(name.endswith(" " + a) for name in cached_copies(page))  # the previous copy stays
    course.stop()

    # offline meanwhile: the previous version's copy answers, and the learner's edit is theirs
    page.reload()
    assert_server_gone(page, course.url)
    open_notebook(page, course.url, CHANGED)
    assert "".join(notebook_json(page)["cells"][0]["source"]).startswith("# Describing code in words\n")
    open_notebook(page, course.url, EDITED)
    assert "".join(notebook_json(page)["cells"][2]["source"]) == MY_EDIT


def test_a_new_build_with_only_the_home_page_open_takes_over_without_asking_to_close_tabs(page, course, built_site,
                                                                                          second_edition):
    a, b = listing(built_site)["version"], listing(second_edition)["version"]
    record_offline_states(page)
    page.goto(course.url)
    wait_available_offline(page, a)

    course.publish(second_edition)
    page.goto(course.url)  # the course's only open page: the new build's copy is made at once
    wait_available_offline(page, b)
    assert "waiting" not in page.evaluate("window.offlineStates"), "no other page was open to close"
    assert "other tab" not in page.locator(OFFLINE).text_content()


def test_a_publish_reaches_the_learner_at_once_though_the_host_lets_browsers_cache_pages(page, tmp_path, built_site,
                                                                                       second_edition):
    pages_host = Course(tmp_path, built_site, max_age=600)  # GitHub Pages' header
    try:
        page.goto(pages_host.url)
        wait_available_offline(page, listing(built_site)["version"])
        page.goto(pages_host.url)  # the home page is now in the browser's HTTP cache, "fresh" for 10 minutes
        old = page.locator(f'{LESSONS}[data-path="{CHANGED}"] a').inner_text()
        pages_host.publish(second_edition)
        page.goto(pages_host.url)
        new = page.locator(f'{LESSONS}[data-path="{CHANGED}"] a').inner_text()
        assert (old, new) == ("Describing code in words", "Describing code (second edition)")
    finally:
        pages_host.stop()


POISON = """async ([path, marker]) => {
    // what any script of the origin can do, a learner's code in a notebook output included
    for (const name of await caches.keys()) {
        if (name.startsWith('litecourse-offline')) {
            const copy = await caches.open(name);
            await copy.put(new URL(path, location.href).href, new Response(
                `<!doctype html><title>${marker}</title><script>window.poisoned = true</script>`,
                {headers: {'Content-Type': 'text/html'}}));
        }
    }
}"""
KEPT_TEXT = """async (path) => {
    for (const name of await caches.keys()) {
        if (name.startsWith('litecourse-offline')) {
            const kept = await (await caches.open(name)).match(new URL(path, location.href).href);
            if (kept) return kept.text();
        }
    }
    return null;
}"""


def test_a_file_planted_in_the_offline_copy_is_never_served_and_is_dropped(page, course, built_site):
    page.goto(course.url)
    wait_available_offline(page, listing(built_site)["version"])
    page.evaluate(POISON, ["lab/index.html", "poisoned"])
    course.stop()
    with contextlib.suppress(Exception):  # offline with no genuine copy of the page: the browser's error
        page.goto(f"{course.url}lab/index.html")
    assert page.title() != "poisoned"
    assert not page.evaluate("window.poisoned === true")
    page.goto(course.url)  # the home page's copy is genuine: it still opens offline
    assert page.evaluate(KEPT_TEXT, "lab/index.html") is None, "the planted file was dropped"


def test_a_new_build_does_not_carry_a_planted_file_into_its_copy(page, course, built_site, second_edition):
    a, b = listing(built_site)["version"], listing(second_edition)["version"]
    page.goto(course.url)
    wait_available_offline(page, a)
    page.evaluate(POISON, ["home.js", "poisoned"])  # a file both builds ship unchanged
    course.publish(second_edition)
    page.goto(course.url)
    wait_available_offline(page, b)
    assert page.evaluate(KEPT_TEXT, "home.js") == (second_edition / "home.js").read_text()
