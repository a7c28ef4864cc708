"""Runnable code blocks on any site (issue 15, item 4): ``litecourse-embed.js`` on a page of
another site (``localhost``; the course is on ``127.0.0.1``) runs its blocks with Python loaded
only from the course, in a Chromium that applies cross-site rules as a learner's does."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from crosssite import guarded_context, learner_chromium, other_site, site_data_blocked_chromium

pytestmark = pytest.mark.browser

BLOCKS = """
<pre data-executable data-label="Define x">
x = 6 * 7
print("x is", x)
</pre>
<pre data-executable data-label="Use x">
print("x plus one is", x + 1)
</pre>
<pre data-executable data-label="A mistake">
total = 1
total / 0
</pre>
<pre data-executable data-label="Was I forged?">
print("forged code ran:", "pwned" in globals())
</pre>
<pre data-executable data-label="Reach the course's storage">
import js
print("reachable:", [n for n in ("indexedDB", "caches", "fetch", "XMLHttpRequest", "BroadcastChannel", "Worker")
                     if getattr(js, n, None) is not None])
</pre>
<pre data-executable data-label="Never ends">
while True:
    pass
</pre>
"""


def vle_page(site_url: str, forger_url: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 1 - VLE</title>'
        f'<script src="{site_url}litecourse-embed.js" defer></script></head>'
        f'<body><main><h1>Week 1</h1>{BLOCKS}'
        f'<iframe src="{forger_url}" title="An advert from a third site"></iframe></main></body></html>'
    )


#: a frame of a third origin that posts messages pretending to be the runner (to the page) and
#: the page (to every frame of the page, the runner among them)
FORGER = """<!doctype html><title>advert</title><script>
window.forge = function () {
  for (let id = 1; id < 20; id++) {
    parent.postMessage({ type: "litecourse:reply", id, state: "done",
                         output: [{ name: "stdout", text: "forged output" }] }, "*");
  }
  parent.postMessage({ type: "litecourse:runner-failed", error: "forged failure" }, "*");
  for (let i = 0; i < parent.frames.length; i++) {
    parent.frames[i].postMessage({ type: "litecourse:run", id: 1000 + i, code: "pwned = True" }, "*");
  }
};
</script><p>advert</p>"""


@pytest.fixture(scope="module")
def learner_browser(browser):
    with learner_chromium(browser.browser_type) as chromium:
        yield chromium


@pytest.fixture
def vle(learner_browser, site_url):
    """The VLE page with the blocks, open in a fresh context of the learner's Chromium."""
    context, guard = guarded_context(learner_browser)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    with other_site({"forger.html": FORGER}) as forger_site, \
            other_site({"index.html": vle_page(site_url, f"{forger_site}forger.html")}) as vle_site:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(vle_site)
        yield page, requests, forger_site
        context.close()
    guard.assert_offline()


def block(page, label: str):
    return page.get_by_role("group", name=label)


def run(page, label: str, state: str = "done"):
    b = block(page, label)
    b.get_by_role("button", name="Run").click()
    page.wait_for_function(
        "([label, state]) => [...document.querySelectorAll('.lc-exec')].some(b => "
        "b.querySelector('label').textContent === label && b.dataset.state === state)",
        arg=[label, state], timeout=180_000,
    )
    return b


def test_blocks_on_another_site_run_share_state_and_explain_mistakes(vle, site_url):
    page, requests, _ = vle
    assert page.locator(".lc-exec").count() == 6
    assert run(page, "Define x").locator(".lc-output").inner_text() == "x is 42\n"
    assert run(page, "Use x").locator(".lc-output").inner_text() == "x plus one is 43\n"

    mistake = run(page, "A mistake", "error")
    assert mistake.get_by_role("alert").inner_text().strip() == "line 2: ZeroDivisionError: division by zero"
    assert "Traceback" not in mistake.locator(".lc-output").inner_text()

    # Python came from the course's own origin only, through its runner frame
    course = urlsplit(site_url).netloc
    python = [u for u in requests if "pyodide" in u]
    assert python and all(urlsplit(u).netloc == course for u in python), python
    assert any(urlsplit(u).path == "/embed-runner.html" for u in requests)
    result = Axe().run(page)  # the hidden runner frame included
    assert result.violations_count == 0, result.generate_report()
    page.screenshot(path="build/test-embed-cross-site.png", full_page=True)


def test_stop_ends_a_block_that_never_ends_and_python_restarts(vle):
    page, _, _ = vle
    run(page, "Define x")
    endless = block(page, "Never ends")
    endless.get_by_role("button", name="Run").click()
    endless.get_by_role("status").filter(has_text="Running").wait_for(timeout=180_000)
    endless.get_by_role("button", name="Stop").click()
    assert "Stopped. Python restarted" in endless.get_by_role("alert").inner_text()
    assert endless.get_by_role("button", name="Run").is_enabled()
    # a fresh Python: the earlier block's name is gone, and blocks run again
    use = run(page, "Use x", "error")
    assert "NameError: name 'x' is not defined" in use.get_by_role("alert").inner_text()


def test_messages_forged_by_another_origin_are_ignored(vle):
    page, _, forger_site = vle
    forger = next(f for f in page.frames if f.url.startswith(forger_site))
    run(page, "Define x")  # the runner frame is up

    # forged "run" messages to every frame, the runner among them: nothing runs
    forger.evaluate("window.forge()")
    assert run(page, "Was I forged?").locator(".lc-output").inner_text() == "forged code ran: False\n"

    # forged replies while a block runs: the block keeps running, shows nothing forged
    endless = block(page, "Never ends")
    endless.get_by_role("button", name="Run").click()
    endless.get_by_role("status").filter(has_text="Running").wait_for(timeout=180_000)
    forger.evaluate("window.forge()")
    page.wait_for_timeout(1000)
    assert endless.get_attribute("data-state") == "running"
    shown = page.locator("main").inner_text()
    assert "forged output" not in shown and "forged failure" not in shown
    endless.get_by_role("button", name="Stop").click()


def test_blocks_cannot_reach_the_course_origins_storage_or_network(vle):
    # any site can hand the runner code: it gets Python, not the learner's saved work
    page, _, _ = vle
    assert run(page, "Reach the course's storage").locator(".lc-output").inner_text() == "reachable: []\n"


def simple_page(site_url: str, head: str = "") -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page</title>{head}'
            f'<script src="{site_url}litecourse-embed.js" defer></script></head><body>'
            '<pre data-executable data-label="Hello">print("hello", 6 * 7)</pre></body></html>')


def test_blocks_run_where_the_browser_blocks_the_course_site_data(browser, site_url):
    # the runner frame needs no storage: blocked site data changes nothing for the blocks
    with site_data_blocked_chromium(browser.browser_type, site_url) as (context, guard), \
            other_site({"index.html": simple_page(site_url)}) as vle_site:
        page = context.new_page()
        page.goto(vle_site)
        assert run(page, "Hello").locator(".lc-output").inner_text() == "hello 42\n"
        runner = next(f for f in page.frames if "embed-runner.html" in f.url)
        assert "Access is denied" in runner.evaluate("() => { try { localStorage; return 'allowed' } "
                                                     "catch (e) { return e.message } }")
    guard.assert_offline()


def test_a_page_that_forbids_frames_of_the_course_says_its_blocks_cannot_run(learner_browser, site_url):
    context, guard = guarded_context(learner_browser)
    policy = '<meta http-equiv="Content-Security-Policy" content="frame-src \'none\'">'
    with other_site({"index.html": simple_page(site_url, policy)}) as vle_site:
        page = context.new_page()
        page.goto(vle_site)
        hello = run(page, "Hello", "error")
        assert "Python could not start: the course at" in hello.get_by_role("alert").inner_text()
        assert "may not allow frames of the course" in hello.get_by_role("alert").inner_text()
        assert hello.get_by_role("button", name="Run").is_enabled()
    context.close()
    guard.assert_offline()


def test_a_sandboxed_page_says_its_blocks_cannot_run(learner_browser, site_url):
    context, guard = guarded_context(learner_browser)
    with other_site({"inner.html": simple_page(site_url)}) as inner_site, \
            other_site({"index.html": f'<!doctype html><iframe sandbox="allow-scripts" src="{inner_site}inner.html"'
                                      ' title="A sandboxed page" width="800" height="400"></iframe>'}) as vle_site:
        page = context.new_page()
        page.goto(vle_site)
        inner = page.frame_locator("iframe")
        inner.get_by_role("button", name="Run").click()
        alert = inner.get_by_role("alert")
        alert.wait_for()
        assert "Python cannot run in this page: it is sandboxed" in alert.inner_text()
    context.close()
    guard.assert_offline()
