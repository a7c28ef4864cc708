"""Code in a REPL link (``repl/index.html?code=...``) runs only when the learner presses Run;
a page of the course itself can hand code to its console frame, a page elsewhere cannot."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from crosssite import pages_elsewhere
from lab import KERNEL_BOOT_TIMEOUT_MS

pytestmark = pytest.mark.browser

# Writes a file into the learner's storage and prints a marker that the code itself does not
# contain as one word, so seeing the marker means the code ran.
LINK_CODE = "open('from_link.txt', 'w').write('written by a link')\nprint('LINK' + 'RAN')"
MARKER = "LINKRAN"
PANEL = "window.jupyterapp.shell.currentWidget"


def repl_link(site_url: str, code: str, extra: str = "", mark: str = "?") -> str:
    """A REPL link as JupyterLite reads them: parameters after ``?``, or after ``#`` (embed.html's)."""
    return f"{site_url}repl/index.html{mark}kernel=python&toolbar=1{extra}&code={quote(code, safe='')}"


def wait_for_idle_kernel(target) -> None:
    """Wait until the console's kernel has started, run the course's start-up snippet and is idle."""
    target.wait_for_function(
        f"""() => {{
            const p = window.jupyterapp && {PANEL};
            const k = p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel;
            return k && k.status === 'idle';
        }}""",
        timeout=KERNEL_BOOT_TIMEOUT_MS,
    )
    target.wait_for_timeout(2000)  # anything queued on start would have begun by now
    target.wait_for_function(f"{PANEL}.sessionContext.session.kernel.status === 'idle'", timeout=60_000)


def file_exists(target, path: str) -> bool:
    """Whether ``path`` is in the learner's files (the contents service the kernel writes to)."""
    return target.evaluate(
        """async path => {
            try { await window.jupyterapp.serviceManager.contents.get(path, {content: false}); return true; }
            catch (e) { return false; }
        }""",
        path,
    )


def outputs(target) -> str:
    return target.evaluate(
        "() => Array.from(document.querySelectorAll('.jp-OutputArea-output')).map(n => n.textContent).join('\\n')"
    )


@pytest.fixture
def elsewhere():
    """Serve a page of another site (``http://localhost:PORT/``, not the course's 127.0.0.1):
    ``elsewhere(html)`` returns its address."""
    with pages_elsewhere() as serve:
        yield serve


def repl_frame(page):
    page.wait_for_function("document.querySelector('iframe') && document.querySelector('iframe').contentWindow")
    for _ in range(600):
        frame = next((f for f in page.frames if "/repl/" in f.url), None)
        if frame:
            return frame
        page.wait_for_timeout(100)
    pytest.fail("no REPL frame on the page")


@pytest.mark.parametrize("mark", ["?", "#"], ids=["query", "fragment"])
def test_a_link_with_code_shows_it_and_runs_nothing_before_the_click(page, site_url, mark):
    page.goto(repl_link(site_url, LINK_CODE, mark=mark))
    region = page.get_by_role("region", name="Code from a link")
    region.wait_for(timeout=KERNEL_BOOT_TIMEOUT_MS)
    assert region.get_by_label("Code from the link").inner_text() == LINK_CODE
    assert "came with the link" in region.inner_text() and "has not run" in region.inner_text()

    wait_for_idle_kernel(page)
    assert not file_exists(page, "from_link.txt"), "the link's code ran without the learner's click"
    assert MARKER not in outputs(page)
    page.screenshot(path="build/test-url-code-asks.png")

    region.get_by_role("button", name="Run this code").click()
    page.locator(".jp-OutputArea-output").filter(has_text=MARKER).wait_for(timeout=60_000)
    assert file_exists(page, "from_link.txt")
    region.wait_for(state="detached")


def test_the_link_code_panel_is_accessible(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(repl_link(site_url, LINK_CODE))
    page.get_by_role("region", name="Code from a link").wait_for(timeout=KERNEL_BOOT_TIMEOUT_MS)
    result = Axe().run(page, context=".lc-LinkCode")
    assert result.violations_count == 0, result.generate_report()
    button = page.get_by_role("button", name="Run this code")
    button.focus()
    assert page.evaluate("document.activeElement.textContent") == "Run this code"


def test_do_not_run_leaves_the_code_unrun(page, site_url):
    page.goto(repl_link(site_url, LINK_CODE))
    region = page.get_by_role("region", name="Code from a link")
    region.wait_for(timeout=KERNEL_BOOT_TIMEOUT_MS)
    region.get_by_role("button", name="Do not run").click()
    region.wait_for(state="detached")
    wait_for_idle_kernel(page)
    assert not file_exists(page, "from_link.txt")
    assert MARKER not in outputs(page)


def test_the_choice_stays_clickable_when_the_panel_text_grows(page, site_url):
    # a font that arrives late or a learner's zoom makes the text taller at the same width;
    # the console's header clips what overflows it, so the panel must grow with its text
    page.goto(repl_link(site_url, LINK_CODE))
    region = page.get_by_role("region", name="Code from a link")
    region.wait_for(timeout=KERNEL_BOOT_TIMEOUT_MS)
    page.locator(".lc-LinkCode").evaluate("node => { node.style.fontSize = '30px'; }")
    page.wait_for_function(
        """() => {
            const button = [...document.querySelectorAll('.lc-LinkCode button')].pop();
            const box = button.getBoundingClientRect();
            return button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
        }""",
        timeout=10_000,
    )
    region.get_by_role("button", name="Do not run").click(timeout=10_000)
    region.wait_for(state="detached")


def test_execute_0_puts_the_code_in_the_prompt_without_running_it(page, site_url):
    page.goto(repl_link(site_url, LINK_CODE, "&execute=0"))
    wait_for_idle_kernel(page)
    prompt = page.locator(".jp-CodeConsole-promptCell .jp-InputArea-editor")
    assert "print('LINK' + 'RAN')" in prompt.inner_text()
    assert not file_exists(page, "from_link.txt")
    assert MARKER not in outputs(page)


def test_a_link_framed_by_another_site_runs_only_from_a_tab_of_its_own(page, site_url, elsewhere):
    # a page of another site (as a forum post or a VLE page would be) frames the link
    link = repl_link(site_url, LINK_CODE)
    page.goto(elsewhere(f'<!doctype html><title>Forum</title><iframe src="{link}" width="900" height="600"></iframe>'))
    frame = repl_frame(page)
    region = frame.get_by_role("region", name="Code from a link")
    region.wait_for(timeout=KERNEL_BOOT_TIMEOUT_MS)
    wait_for_idle_kernel(frame)
    assert region.get_by_role("button").count() == 0, "no Run button in another site's frame"
    assert "print('LINK' + 'RAN')" in region.locator(".lc-LinkCode-source").inner_text()
    assert region.locator(".lc-LinkCode-address").inner_text() == link
    with page.context.expect_page() as opened:
        region.get_by_role("link", name="Open it in a new tab to read it and choose").click()
    tab = opened.value
    tab.set_default_timeout(60_000)
    tab.get_by_role("region", name="Code from a link").get_by_role("button", name="Run this code").click(
        timeout=KERNEL_BOOT_TIMEOUT_MS)
    tab.locator(".jp-OutputArea-output").filter(has_text=MARKER).wait_for(timeout=60_000)
    assert MARKER not in outputs(frame), "nothing ran in the frame"


def test_a_click_through_another_sites_invisible_frame_runs_nothing(page, site_url, elsewhere):
    # the clickjacking page: the course's code link at opacity 0.01 laid over its own button,
    # where the frame's Run button would be
    page.goto(elsewhere(f"""<!doctype html><title>Win a prize</title>
        <button style="position:absolute;left:20px;top:20px;width:860px;height:560px">Claim your prize</button>
        <iframe src="{repl_link(site_url, LINK_CODE)}" width="900" height="600"
                style="position:absolute;left:0;top:0;opacity:0.01;z-index:2"></iframe>"""))
    frame = repl_frame(page)
    frame.get_by_role("region", name="Code from a link").wait_for(timeout=KERNEL_BOOT_TIMEOUT_MS)
    wait_for_idle_kernel(frame)
    box = page.locator("iframe").bounding_box()
    for x in range(60, 860, 100):  # the learner clicks all over "the prize button"
        for y in range(40, 560, 60):
            page.mouse.click(box["x"] + x, box["y"] + y)
    for extra in page.context.pages[1:]:
        extra.close()  # a tab the link opened asks there, and nobody pressed Run in it
    wait_for_idle_kernel(frame)
    assert MARKER not in outputs(frame), "a click through another site's frame ran the link's code"
    assert not file_exists(frame, "from_link.txt")


def test_the_embed_page_of_the_course_runs_its_code_in_its_console_frame_without_a_click(page, site_url):
    page.goto(f"{site_url}embed.html")
    page.get_by_label("Python code for the console").fill(LINK_CODE)
    page.get_by_role("button", name="Try it here").click()
    frame = repl_frame(page)
    frame.locator(".jp-OutputArea-output").filter(has_text=MARKER).wait_for(timeout=KERNEL_BOOT_TIMEOUT_MS)
    assert frame.locator(".lc-LinkCode").count() == 0, "the course's own code needs no Run"
    assert file_exists(frame, "from_link.txt")


def test_a_page_elsewhere_cannot_hand_code_to_a_console_frame(page, site_url, elsewhere):
    # another site frames the console and posts the course's message to it, again and again
    page.goto(elsewhere(f"""<!doctype html><title>Forged</title>
        <iframe src="{site_url}repl/index.html?kernel=python" width="900" height="600"></iframe>
        <script>
          setInterval(() => document.querySelector('iframe').contentWindow.postMessage(
            {{type: 'litecourse:repl-code', code: {LINK_CODE!r}}}, '*'), 200);
        </script>"""))
    frame = repl_frame(page)
    # the kernel stays busy if forged code keeps running: stop waiting as soon as it shows
    frame.wait_for_function(
        f"""() => {{
            const p = window.jupyterapp && {PANEL};
            const k = p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel;
            const ran = Array.from(document.querySelectorAll('.jp-OutputArea-output'))
                .some(n => n.textContent.includes('{MARKER}'));
            return ran || (k && k.status === 'idle');
        }}""",
        timeout=KERNEL_BOOT_TIMEOUT_MS,
    )
    frame.wait_for_timeout(3000)  # some fifteen forged messages after the console was ready
    assert MARKER not in outputs(frame), "a page of another site ran code in the course"
    assert not file_exists(frame, "from_link.txt")
