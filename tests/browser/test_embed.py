"""Embedding the course (issue 6, part 5): the snippets page, and runnable code blocks on a page."""

from __future__ import annotations

import pytest
from crosssite import pages_elsewhere

pytestmark = pytest.mark.browser


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


def test_runnable_blocks_share_one_python_and_explain_mistakes_offline(page, site_url):
    page.goto(f"{site_url}embed-sample.html")
    blocks = page.locator(".lc-exec")
    assert blocks.count() == 3
    assert page.locator("pre[data-executable]").count() == 0, "every marked block became a console"

    first, second, third = blocks.nth(0), blocks.nth(1), blocks.nth(2)
    first.get_by_role("button", name="Run").click()
    first.locator(".lc-output").filter(has_text="area: 42").wait_for(timeout=120_000)

    # the second block uses `area` from the first, edited by the learner before running
    second.get_by_role("textbox").fill("area * 2 + 1")
    second.get_by_role("textbox").press("Control+Enter")
    page.wait_for_function("document.querySelectorAll('.lc-exec')[1].dataset.state === 'done'")
    assert second.locator(".lc-result").inner_text().strip() == "85"

    third.get_by_role("button", name="Run").click()
    page.wait_for_function("document.querySelectorAll('.lc-exec')[2].dataset.state === 'error'")
    error = third.get_by_role("alert").inner_text()
    assert "line 3: NameError: name 'm' is not defined" in error
    assert "Traceback" not in third.locator(".lc-output").inner_text()
    assert_accessible(page)
    page.screenshot(path="build/test-embed-sample.png", full_page=True)

    # a block that never ends can be stopped; Python restarts and says so
    second.get_by_role("textbox").fill("while True:\n    pass")
    second.get_by_role("button", name="Run").click()
    second.get_by_role("status").filter(has_text="Running").wait_for()
    second.get_by_role("button", name="Stop").click()
    assert "Stopped. Python restarted" in second.get_by_role("alert").inner_text()
    assert second.get_by_role("button", name="Run").is_enabled()


def test_embed_page_snippets_use_this_hosts_address_and_work_pasted_into_another_page(page, site_url):
    page.goto(f"{site_url}embed.html")
    notebook_snippet = page.get_by_label("Embed code for the notebook “Welcome").input_value()
    assert notebook_snippet.startswith(f'<iframe src="{site_url}notebooks/index.html?path=welcome.ipynb"')
    assert 'title="Welcome' in notebook_snippet

    page.get_by_label("Python code for the console").fill('print("from the" + " VLE")')
    repl_snippet = page.get_by_label("Embed code for a console running that code").input_value()
    assert f'src="{site_url}repl/index.html#kernel=python&amp;toolbar=1&amp;code=print' in repl_snippet

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy embed code for a console running that code").click()
    page.get_by_role("status").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == repl_snippet
    page.screenshot(path="build/test-embed-page.png", full_page=True)
    assert_accessible(page)

    with pages_elsewhere() as vle:
        # pasted into a page of another site (as in a Moodle Page), the console shows the code
        # and a way to a tab of its own, where the learner presses Run (code in an address never
        # runs by itself, and a page elsewhere could lay the frame under a button of its own)
        page.goto(vle(f"<!doctype html><title>VLE page</title><h1>Week 1</h1>{repl_snippet}"))
        console = page.frame_locator("iframe")
        with page.context.expect_page() as opened:
            console.get_by_role("link", name="Open it in a new tab to read it and choose").click(timeout=180_000)
        tab = opened.value
        tab.get_by_role("button", name="Run this code").click(timeout=180_000)
        tab.locator(".jp-OutputArea-output").filter(has_text="from the VLE").wait_for(timeout=180_000)
        tab.close()

        # and the notebook snippet shows the notebook
        page.goto(vle(f"<!doctype html><title>VLE page</title><h1>Week 1</h1>{notebook_snippet}"))
        page.frame_locator("iframe").locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        page.screenshot(path="build/test-embed-in-vle.png")
