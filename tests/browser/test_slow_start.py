"""A kernel that does not start in time is reported to the learner, never left spinning."""

from __future__ import annotations

import pytest
from lab import notebook_json, open_notebook, set_cell_source

pytestmark = pytest.mark.browser

MESSAGE = "Python is taking too long to start"


def shorten_slow_start_wait(page, ms: int) -> None:
    """Serve the site's own ``jupyter-lite.json`` with the slow-start wait set to ``ms``."""

    def patch(route):
        response = route.fetch()
        config = response.json()
        config.setdefault("jupyter-config-data", {})["litecourseSlowStartMs"] = ms
        route.fulfill(response=response, json=config)

    page.route("**/jupyter-lite.json", patch)


def test_a_kernel_not_ready_in_time_shows_a_reload_message_and_reload_keeps_the_work(new_profile, site_url):
    page = new_profile().page()
    # 1 ms: every kernel start is "too slow", so the message must appear
    shorten_slow_start_wait(page, 1)
    open_notebook(page, site_url, "welcome.ipynb")
    page.get_by_text(MESSAGE).first.wait_for(timeout=60_000)
    code_cell = next(i for i, c in enumerate(notebook_json(page)["cells"]) if c["cell_type"] == "code")
    set_cell_source(page, code_cell, "edited_before_reload = 1")
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name="Reload").click()
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.context.isReady"
    )
    source = notebook_json(page)["cells"][code_cell]["source"]
    assert "edited_before_reload = 1" in "".join(source)
