"""The extension's heavy libraries load on first use, not before the notebook shows (issue 16,
item 2): flowchart.js + Raphaël when a flowchart is first drawn, fflate when the Course menu
first zips or unzips. Each is a chunk of the extension fetched from the site itself.

Which scripts a page ran is read from the requests for the extension's ``static/`` files,
then from those files on disk (a library is recognised by a string its code holds).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from lab import open_notebook, store_notebook

pytestmark = pytest.mark.browser

EXTENSION_STATIC = "/extensions/litecourse-extension/static/"
FLOWCHART_MIME = "application/vnd.litecourse.flowchart+json"

# A string in each library's code (Raphaël writes it into every SVG it draws; fflate's error text).
RAPHAEL = "Created with Rapha"
FFLATE = "invalid zip data"

CHART = {
    "dsl": "st=>start: start\nop=>operation: add one\ne=>end: end\n\nst->op->e",
    "description": "Start, add one, end.",
    "title": "Flowchart of add_one",
}
FIGURE = ".jp-Notebook figure.litecourse-flowchart"


class ExtensionScripts:
    """The extension's script files a page fetched, in order, as paths under the built site."""

    def __init__(self, page, site: Path):
        self.site = site
        self.paths: list[str] = []
        page.on("request", self._seen)

    def _seen(self, request) -> None:
        path = urlparse(request.url).path
        if EXTENSION_STATIC in path and path.endswith(".js"):
            self.paths.append(path)

    def holding(self, marker: str) -> list[str]:
        """The fetched scripts whose code contains ``marker``."""
        return [p for p in self.paths if marker in (self.site / p.lstrip("/")).read_text("utf-8")]


def open_app(page, base_url: str) -> None:
    """Open the file list and wait for the app, its extension plugins activated."""
    page.goto(f"{base_url}tree/index.html")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.serviceManager")
    page.get_by_role("menuitem", name="Course").wait_for()


def test_start_up_fetches_neither_flowchart_js_nor_the_zip_code(page, site_url, built_site):
    scripts = ExtensionScripts(page, built_site)
    open_notebook(page, site_url, "welcome.ipynb")
    page.locator(".jp-Notebook .jp-Cell .cm-content").first.wait_for(state="attached")
    page.get_by_role("menuitem", name="Course").wait_for()
    assert scripts.paths, "the extension's start-up scripts were not seen"
    assert scripts.holding(RAPHAEL) == []
    assert scripts.holding(FFLATE) == []


def test_a_flowchart_fetches_flowchart_js_from_the_site_when_first_drawn(page, site_url, built_site):
    scripts = ExtensionScripts(page, built_site)
    open_app(page, site_url)
    assert scripts.holding(RAPHAEL) == []
    output = {"output_type": "display_data", "data": {FLOWCHART_MIME: CHART}, "metadata": {}}
    cell = {"cell_type": "code", "source": "", "metadata": {}, "execution_count": 1, "outputs": [output]}
    store_notebook(page, "chart.ipynb", [cell, dict(cell)])
    open_notebook(page, site_url, "chart.ipynb")
    page.wait_for_selector(f"{FIGURE}.litecourse-mod-drawn >> nth=1", timeout=60_000)
    labels = page.locator(f"{FIGURE} >> nth=0 >> svg text").all_text_contents()
    assert "add one" in labels
    fetched = scripts.holding(RAPHAEL)
    # one chunk for both charts, and only from the site (NetGuard fails any other request)
    assert len(fetched) == 1, fetched


def test_the_course_menu_fetches_the_zip_code_when_it_first_downloads(page, site_url, built_site, tmp_path):
    scripts = ExtensionScripts(page, built_site)
    open_app(page, site_url)
    page.evaluate(
        "() => window.jupyterapp.serviceManager.contents.save('mine.txt', "
        "{type: 'file', format: 'text', content: 'my work'})"
    )
    assert scripts.holding(FFLATE) == []
    with page.expect_download() as info:
        page.get_by_role("menubar").get_by_role("menuitem", name="Course").click()
        page.locator("#litecourse-course-menu").get_by_role("menuitem", name="Download all my work").click()
    target = tmp_path / "work.zip"
    info.value.save_as(target)
    assert target.read_bytes()[:2] == b"PK"
    assert len(scripts.holding(FFLATE)) == 1
