"""The learner's front door: the course home page, and micropip offline (issue 8)."""

from __future__ import annotations

import functools
import json

import pytest
from conftest import FIXTURE_CONTENT, FIXTURE_TOML, SITE
from lab import (
    cell_text_outputs,
    new_notebook,
    notebook_json,
    open_notebook,
    run_code,
    set_cell_source,
    wait_for_kernel,
)
from netguard import NetGuard

from build_tools.course import load_course
from build_tools.homepage import GUIDE, read_entries
from build_tools.names import canonical

pytestmark = pytest.mark.browser

COURSE = load_course(FIXTURE_TOML)


@functools.cache
def entries():
    """The notebooks the test site's home page lists (the learners' guide read from the built site)."""
    return read_entries(FIXTURE_CONTENT, COURSE, guide=SITE / "files" / GUIDE)

LESSONS = "ol.lessons > li"


def first_code_cell(path: str) -> int:
    """Index of the first code cell of a course notebook (its editor is visible)."""
    cells = json.loads((FIXTURE_CONTENT / path).read_text())["cells"]
    return next(i for i, c in enumerate(cells) if c["cell_type"] == "code")


def save_an_edit(page, site_url, path: str, source: str) -> int:
    """Open ``path``, type ``source`` into its first code cell, save; return the cell index."""
    open_notebook(page, site_url, path)
    index = first_code_cell(path)
    set_cell_source(page, index, source)
    page.keyboard.press("Control+S")
    page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
    return index


def listed(page) -> list[dict]:
    """What the home page shows for each notebook, in page order."""
    return page.eval_on_selector_all(
        LESSONS,
        """items => items.map(li => ({
            path: li.dataset.path,
            title: li.querySelector(':is(h3,h4) a').textContent.trim(),
            href: li.querySelector(':is(h3,h4) a').getAttribute('href'),
            summary: (li.querySelector(':is(h3,h4) + p') || {textContent: ''}).textContent.trim(),
            state: li.querySelector('.state').hidden ? null : li.querySelector('.state').textContent,
            visible: li.getBoundingClientRect().height > 0,
        }))""",
    )


def state_of(page, path: str) -> str:
    page.wait_for_selector(f'{LESSONS}[data-path="{path}"] .state:not([hidden])')
    return page.locator(f'{LESSONS}[data-path="{path}"] .state').text_content()


def test_home_page_lists_every_notebook_in_course_order_with_titles_and_summaries(page, site_url):
    assert entries(), "the course has no notebooks to list"
    page.goto(site_url)
    assert page.title() == COURSE.title
    assert page.locator("h1").text_content() == COURSE.title
    if COURSE.introduction:
        assert page.locator(".intro").text_content() == COURSE.introduction
    shown = listed(page)
    assert [(s["path"], s["title"], s["summary"]) for s in shown] == [
        (e.path, e.title, e.summary) for e in entries()
    ]
    assert all(s["href"].startswith("notebooks/index.html?path=") for s in shown)
    for entry in entries():
        assert state_of(page, entry.path) == "Not opened yet"
    assert page.locator("#continue").is_hidden(), "nothing to continue in a fresh browser"
    assert page.get_by_role("link", name="Open the full JupyterLab").get_attribute("href") == "lab/index.html"
    page.get_by_role("link", name=entries()[0].title).click()
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    assert page.evaluate("window.jupyterapp.shell.currentWidget.context.path") == entries()[0].path


def test_a_notebook_with_front_matter_and_a_numbered_title_is_listed_as_its_teacher_wrote_it(page, site_url):
    # extra.ipynb: a front-matter cell above "# 3. An extra notebook", then its first paragraph
    page.goto(site_url)
    card = page.locator(f'{LESSONS}[data-path="extra.ipynb"]')
    heading = card.locator(":is(h3,h4)")
    assert heading.inner_text() == "3. An extra notebook"
    assert card.locator(":is(h3,h4) + p").inner_text() == "Not in the outline."
    number = "(h) => getComputedStyle(h, '::before').content"
    assert heading.evaluate(number) == "none", "the title's own number is not doubled by the list's"
    other = page.locator(f'{LESSONS}[data-path="welcome.ipynb"] :is(h3,h4)')
    assert other.evaluate(number) != "none", "a title without a number keeps the list's number"


def test_after_an_edit_the_home_page_shows_the_notebook_changed_and_continue_opens_it(page, site_url):
    first = entries()[0]
    index = save_an_edit(page, site_url, first.path, "# My own notes on this lesson")

    page.goto(site_url)
    assert state_of(page, first.path).startswith("Changed by you (")
    for other in entries()[1:]:
        assert state_of(page, other.path) == "Not opened yet"
    go_on = page.locator("#continue a")
    assert go_on.text_content() == f"Continue where you left off: {first.title}"
    # keyboard only: Tab from the top of the page until the link has focus, then Enter
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('#continue') !== null"):
            break
    else:
        pytest.fail("Tab never reached the Continue link")
    page.keyboard.press("Enter")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_function("window.jupyterapp.shell.currentWidget.context.isReady")
    assert page.evaluate("window.jupyterapp.shell.currentWidget.context.path") == first.path
    assert notebook_json(page)["cells"][index]["source"] == "# My own notes on this lesson"


def test_home_page_lists_the_notebooks_with_javascript_disabled(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    guard = NetGuard()
    guard.attach(context)
    try:
        page = context.new_page()
        page.goto(site_url)
        shown = listed_without_js(page)
        assert [(s["title"], s["summary"]) for s in shown] == [(e.title, e.summary) for e in entries()]
        assert page.locator(LESSONS).first.is_visible()
        assert page.get_by_role("link", name="Open the full JupyterLab").is_visible()
    finally:
        context.close()
    guard.assert_offline()


def listed_without_js(page) -> list[dict]:
    """The list as Playwright reads it from the DOM (page scripts are off, not Playwright's)."""
    out = []
    for li in page.locator(LESSONS).all():
        summary = li.locator(":is(h3,h4) + p")
        out.append({
            "title": li.locator(":is(h3,h4) a").text_content().strip(),
            "summary": summary.text_content().strip() if summary.count() else "",
        })
    return out


def test_home_page_has_no_accessibility_violations_fresh_and_after_work(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.goto(site_url)
    state_of(page, entries()[0].path)
    fresh = axe.run(page)
    assert fresh.violations_count == 0, fresh.generate_report()

    save_an_edit(page, site_url, entries()[0].path, "# changed")
    page.goto(site_url)
    page.wait_for_selector("#continue:not([hidden])")
    worked = axe.run(page)
    assert worked.violations_count == 0, worked.generate_report()


def not_yet_installed_dependency(extra: str) -> str:
    """A dependency of ``extra`` in the site's lock that the kernel does not load at start."""
    from build_tools.kernel import preload_names

    lock = json.loads((SITE / "static/pyodide/pyodide-lock.json").read_text())["packages"]
    names = {canonical(k): v for k, v in lock.items()}
    loaded, todo = set(), [canonical(n) for n in preload_names(COURSE)]
    while todo:
        name = todo.pop()
        if name not in loaded:
            loaded.add(name)
            todo += [canonical(d) for d in names.get(name, {}).get("depends", [])]
    deps = [canonical(d) for d in names[canonical(extra)].get("depends", [])]
    return next(d for d in deps if d not in loaded)


def test_micropip_installs_shipped_wheels_offline_and_refuses_other_packages_with_a_course_message(page, site_url):
    assert COURSE.installable, "course.toml lists no installable extras to try"
    extra = canonical(COURSE.installable[0])
    dependency = not_yet_installed_dependency(extra)
    fetched: list[str] = []
    # the kernel's requests come from a web worker: listen on the context (but not to the
    # service worker's own requests: it copies every file of the site for offline visits)
    page.context.on("request", lambda r: r.service_worker or fetched.append(r.url.split("#")[0]))
    new_notebook(page, site_url, "pip.ipynb")
    wait_for_kernel(page)

    def installed(name: str) -> str:
        return f"import importlib.metadata as md\nprint('installed', md.version({name!r}))"

    # %pip goes through piplite, whose own index lacks it: it comes from the Pyodide lock
    cell = run_code(page, f"%pip install {dependency}\n{installed(dependency)}")
    assert "installed " in cell_text_outputs(cell), cell
    assert not any("/simple/" in u for u in fetched), fetched

    # micropip.install reads the course's own static package index
    cell = run_code(page, f"import micropip\nawait micropip.install({extra!r})\n{installed(extra)}")
    assert "installed " in cell_text_outputs(cell), cell
    assert any(u.endswith(f"/static/pyodide/simple/{extra}/") for u in fetched), [u for u in fetched if extra in u]

    before = len(fetched)
    for code in ('await micropip.install("not-a-course-package")', "%pip install not-a-course-package"):
        cell = run_code(page, code)
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        assert errors, cell
        shown = "\n".join(errors[0]["traceback"])
        assert "'not-a-course-package' is not part of this course" in shown
        assert f"You can install: {', '.join(canonical(n) for n in COURSE.installable)}." in shown
        assert "Traceback" not in shown and "File " not in shown, shown
    package_requests = [u for u in fetched[before:] if "/simple/" in u or u.endswith(".whl")]
    assert package_requests == [], "refusing a package looked for it"
