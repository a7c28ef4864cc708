"""Embedded in another site (issue 15, item 3): a frame the browser refuses storage or scripts
shows the course's notice with "Open the course in a new tab", never a blank box or
"No available storage method found". The VLE page is on ``localhost``, the course on ``127.0.0.1``."""

from __future__ import annotations

import pytest
from crosssite import other_site, site_data_blocked_chromium

pytestmark = pytest.mark.browser

NOTEBOOK = "welcome.ipynb"

#: runs ``code`` in the kernel of the notebook or console the frame/page shows; returns what it printed
RUN_PYTHON = """async (code) => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    const future = panel.sessionContext.session.kernel.requestExecute({ code });
    let printed = '';
    future.onIOPub = msg => { if (msg.header.msg_type === 'stream') printed += msg.content.text; };
    await future.done;
    return printed;
}"""


def vle_page(frame_src: str, sandbox: str | None = None) -> str:
    attribute = "" if sandbox is None else f' sandbox="{sandbox}"'
    return (f'<!doctype html><html lang="en"><title>Week 1 - VLE</title><h1>Week 1</h1>'
            f'<iframe{attribute} src="{frame_src}" title="Course notebook" width="1000" height="700"></iframe>')


def notebook_url(site_url: str) -> str:
    return f"{site_url}notebooks/index.html?path={NOTEBOOK}"


def course_frame(page):
    page.wait_for_function("document.querySelector('iframe') && document.querySelector('iframe').contentWindow")
    return page.frame_locator("iframe")


def wait_for_python(target) -> None:
    target.wait_for_function(
        """() => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                   const k = p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel;
                   return k && k.status === 'idle'; }""",
        timeout=180_000,
    )


def assert_new_tab_link(link, url: str) -> None:
    assert link.get_attribute("target") == "_blank"
    assert link.evaluate("a => a.href") == url


@pytest.fixture
def blocked(browser, site_url):
    """A browser whose settings block the course's site data in localhost pages."""
    with site_data_blocked_chromium(browser.browser_type, site_url) as (context, guard):
        yield context
        guard.assert_offline()


def test_a_frame_refused_storage_says_work_is_not_kept_and_the_notebook_still_runs(blocked, site_url):
    page = blocked.new_page()
    page.set_default_timeout(60_000)
    with other_site({"index.html": vle_page(notebook_url(site_url))}) as vle:
        page.goto(vle)
        frame = course_frame(page)
        notice = frame.get_by_role("alert")
        notice.get_by_role("heading", name="Your work cannot be saved in this frame").wait_for()
        assert "your changes will not be kept" in notice.inner_text()
        assert frame.locator(".lc-address:visible").inner_text() == notebook_url(site_url)
        assert_new_tab_link(notice.get_by_role("link", name="Open the course in a new tab"), notebook_url(site_url))
        page.screenshot(path="build/test-frame-blocked-notice.png")

        notice.get_by_role("button", name="Use it here without saving").click()
        assert notice.is_hidden()
        bar = frame.get_by_role("status").filter(has_text="Not saved: this frame cannot keep your work")
        assert bar.is_visible()
        # JupyterLite on memory storage: the notebook opens and its kernel runs, no File Load Error
        course = page.frames[1]
        wait_for_python(course)
        assert course.evaluate(RUN_PYTHON, "print('runs', 6 * 7)") == "runs 42\n"
        assert frame.get_by_text("No available storage method found").count() == 0
        page.screenshot(path="build/test-frame-blocked-running.png")


def test_a_console_frame_refused_storage_runs_code_without_saving(blocked, site_url):
    url = f"{site_url}repl/index.html?kernel=python&toolbar=1"
    page = blocked.new_page()
    page.set_default_timeout(60_000)
    with other_site({"index.html": vle_page(url)}) as vle:
        page.goto(vle)
        frame = course_frame(page)
        frame.get_by_role("heading", name="Your work cannot be saved in this frame").wait_for()
        frame.get_by_role("button", name="Use it here without saving").click()
        course = page.frames[1]
        wait_for_python(course)
        assert course.evaluate(RUN_PYTHON, "print('console', 6 * 7)") == "console 42\n"


def test_the_new_tab_link_opens_a_top_level_course_page_that_boots_and_prints(blocked, site_url):
    page = blocked.new_page()
    page.set_default_timeout(60_000)
    with other_site({"index.html": vle_page(notebook_url(site_url))}) as vle:
        page.goto(vle)
        link = course_frame(page).get_by_role("link", name="Open the course in a new tab").first
        with blocked.expect_page() as opened:
            link.click()
        tab = opened.value
        tab.set_default_timeout(60_000)
        tab.wait_for_load_state()
        assert tab.url == notebook_url(site_url)
        # top level, the course has its storage: no notice, and Python runs
        assert tab.evaluate("document.documentElement.dataset.litecourseStorage") == "available"
        assert tab.locator("#litecourse-notice").is_hidden()
        wait_for_python(tab)
        assert tab.evaluate(RUN_PYTHON, "print('top level', 6 * 7)") == "top level 42\n"


@pytest.mark.parametrize("app", [f"notebooks/index.html?path={NOTEBOOK}", "lab/index.html",
                                 "repl/index.html?kernel=python", "tree/index.html"])
def test_a_sandboxed_frame_without_same_origin_shows_the_notice_and_the_address(page, site_url, app):
    url = site_url + app
    with other_site({"index.html": vle_page(url, "allow-scripts")}) as vle:
        page.goto(vle)
        frame = course_frame(page)
        notice = frame.get_by_role("alert")
        notice.get_by_role("heading", name="This frame does not let the course run").wait_for()
        assert "sandboxes this frame" in notice.inner_text()
        assert frame.locator(".lc-address:visible").inner_text() == url
        assert_new_tab_link(notice.get_by_role("link", name="Open the course in a new tab"), url)
        # nothing can run here: no offer to stay
        assert notice.get_by_role("button", name="Use it here without saving").count() == 0
        page.screenshot(path=f"build/test-frame-sandboxed-notice-{app.split('/')[0]}.png")


def test_a_sandboxed_frame_announces_one_alert_only(page, site_url):
    # the start watch would say "taking longer than usual" over the notice (as a second,
    # hidden alert): it sees the notice and stays quiet
    with other_site({"index.html": vle_page(notebook_url(site_url), "allow-scripts")}) as vle:
        page.goto(vle)
        frame = course_frame(page)
        frame.get_by_role("heading", name="This frame does not let the course run").wait_for()
        frame.locator("html[data-litecourse-start-watch='quiet']").wait_for(state="attached")
        assert frame.get_by_role("alert").count() == 1
        assert frame.locator("#litecourse-start-notice").count() == 0


def test_a_tab_opened_from_a_sandbox_that_it_inherits_says_to_copy_the_address_not_to_open_another(page, site_url):
    # allow-popups without allow-popups-to-escape-sandbox: the new tab gets the frame's sandbox
    with other_site({"index.html": vle_page(notebook_url(site_url), "allow-scripts allow-popups")}) as vle:
        page.goto(vle)
        notice = course_frame(page).get_by_role("alert")
        notice.get_by_role("heading", name="This frame does not let the course run").wait_for()
        assert "allow-popups-to-escape-sandbox" in notice.inner_text(), "a line for the page's author"
        with page.context.expect_page() as opened:
            notice.get_by_role("link", name="Open the course in a new tab").click()
        tab = opened.value
        tab.set_default_timeout(60_000)
        tab_notice = tab.get_by_role("alert")
        tab_notice.get_by_role("heading", name="This tab inherits the sandbox of the page that opened it").wait_for()
        assert tab_notice.get_by_role("link", name="Open the course in a new tab").count() == 0, "no loop"
        assert notebook_url(site_url) in tab_notice.inner_text(), "the address to copy"


def test_the_course_refused_site_data_at_top_level_points_to_the_browsers_settings(browser, site_url):
    with site_data_blocked_chromium(browser.browser_type, site_url, embedded_in="*") as (context, guard):
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(notebook_url(site_url))
        notice = page.get_by_role("alert")
        notice.get_by_role("heading", name="Your work cannot be saved in this browser").wait_for()
        text = notice.inner_text()
        assert "settings" in text and "frame" not in text
        assert notice.get_by_role("link", name="Open the course in a new tab").count() == 0
        notice.get_by_role("button", name="Use it here without saving").click()
        assert page.locator("#litecourse-unsaved").inner_text().strip() == (
            "Not saved: this browser keeps no data for this site.")
        wait_for_python(page)
        guard.assert_offline()


@pytest.mark.parametrize("sandbox", ["", "allow-popups allow-popups-to-escape-sandbox"])
def test_a_frame_without_scripts_shows_the_notice_whose_link_opens_the_notebook(page, site_url, sandbox):
    with other_site({"index.html": vle_page(notebook_url(site_url), sandbox)}) as vle:
        page.goto(vle)
        frame = course_frame(page)
        notice = frame.get_by_role("alert")
        notice.get_by_role("heading", name="This frame does not let the course run").wait_for()
        assert "JavaScript" in notice.inner_text()
        link = notice.get_by_role("link", name="Open the course in a new tab")
        assert_new_tab_link(link, notebook_url(site_url))
        assert frame.get_by_text("JupyterLite requires JavaScript").count() == 0
        page.screenshot(path=f"build/test-frame-noscript-notice{'-popups' if sandbox else ''}.png")
        if sandbox:  # where the frame may open tabs, the link opens the notebook at top level
            with page.context.expect_page() as opened:
                link.click()
            tab = opened.value
            tab.wait_for_load_state()
            assert tab.url == notebook_url(site_url)
            tab.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)


def test_the_home_page_in_a_frame_refused_storage_says_work_is_not_kept(blocked, site_url):
    page = blocked.new_page()
    page.set_default_timeout(60_000)
    with other_site({"index.html": vle_page(site_url)}) as vle:
        page.goto(vle)
        note = course_frame(page).get_by_role("alert").filter(has_text="does not let this frame keep your work")
        note.wait_for()
        link = note.get_by_role("link", name="Open the course in a new tab")
        assert_new_tab_link(link, site_url)
        with blocked.expect_page() as opened:
            link.click()
        tab = opened.value
        tab.wait_for_load_state()
        assert tab.url == site_url
        tab.get_by_role("heading", name="Notebooks", exact=True).wait_for()
        assert tab.locator("#frame-note").is_hidden(), "at top level the course keeps its storage"
