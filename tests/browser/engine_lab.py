"""Drive the course site like a learner in Firefox or WebKit (``engine_pages.EnginePage``).

The same steps as ``lab.py`` (which drives Playwright's Chromium), written on the engines'
small interface: a JavaScript call, a real click, typed keys.
"""

from __future__ import annotations

import json

from lab import CURRENT_PANEL
from lab import cell_text_outputs as cell_text  # noqa: F401  (the engines tests read outputs with it)

KERNEL_BOOT_TIMEOUT_S = 180  # WebKit's first output takes 20-35 s on a loaded machine

_NOTEBOOK_READY = f"""() => {{
    const p = window.jupyterapp && {CURRENT_PANEL};
    return !!(document.querySelector('.jp-Notebook .jp-Cell') && p && p.context && p.context.isReady);
}}"""

_KERNEL_IDLE = f"""() => {{
    const p = window.jupyterapp && {CURRENT_PANEL};
    const k = p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel;
    return !!(k && k.status === 'idle');
}}"""

_ALL_DONE = f"""() => {{
    const p = {CURRENT_PANEL};
    const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
    if (!k || k.status !== 'idle') return false;
    return !Array.from(p.content.widgets).some(c => c.model.type === 'code' &&
           (c.promptNode && c.promptNode.textContent.includes('*')));
}}"""


def notebook_url(base_url: str, path: str) -> str:
    return f"{base_url}notebooks/index.html?path={path}"


def wait_for_notebook(page, timeout: float = 90) -> None:
    """Wait until the notebook view shows the cells of a loaded notebook."""
    page.wait_for(_NOTEBOOK_READY, timeout=timeout, what="the notebook's cells")


def open_notebook(page, base_url: str, path: str) -> None:
    """Open ``path`` in the single-notebook view and wait for its cells."""
    page.goto(notebook_url(base_url, path))
    wait_for_notebook(page)


def wait_for_kernel(page) -> None:
    page.wait_for(_KERNEL_IDLE, timeout=KERNEL_BOOT_TIMEOUT_S, what="an idle kernel")


def wait_until_done(page) -> None:
    page.wait_for(_ALL_DONE, timeout=KERNEL_BOOT_TIMEOUT_S, what="every cell to finish")


def start_run_all(page) -> None:
    """Run > Run All Cells, without waiting (a cell may wait for input())."""
    page.call("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def answer_input(page, text: str) -> None:
    """Type ``text`` into the input() box under a cell and press Enter, as a learner does."""
    page.wait_for("() => !!document.querySelector('.jp-Stdin-input')", timeout=KERNEL_BOOT_TIMEOUT_S,
                  what="the input() box")
    page.click(".jp-Stdin-input")
    page.type_text(text)
    page.press("Enter")


def notebook_json(page) -> dict:
    """The open notebook as nbformat JSON, from the frontend's model."""
    return json.loads(page.call(f"() => JSON.stringify({CURRENT_PANEL}.content.model.toJSON())"))


def append_code_cells(page, sources: list[str]) -> int:
    """Add code cells with ``sources`` at the end of the open notebook; the index of the first."""
    return page.call(
        f"""(sources) => {{
            const model = {CURRENT_PANEL}.content.model;
            const first = model.cells.length;
            model.sharedModel.insertCells(first, sources.map(source => ({{cell_type: 'code', source}})));
            return first;
        }}""",
        sources,
    )


def run_cells(page, first: int, count: int) -> None:
    """Select cells ``first``..``first + count - 1`` and run them (Run Selected Cells)."""
    page.call(
        f"""(first, count) => {{
            const nb = {CURRENT_PANEL}.content;
            nb.activeCellIndex = first;
            nb.extendContiguousSelectionTo(first + count - 1);
            window.jupyterapp.commands.execute('notebook:run-cell');
        }}""",
        first,
        count,
    )
    wait_until_done(page)


def type_into_cell(page, index: int, text: str) -> None:
    """Click at the end of cell ``index``'s editor and type ``text`` there, as a learner does."""
    # a notebook draws the editors of cells out of view lazily: scroll, then wait for it
    page.wait_for(
        f"""(index) => {{
            const nb = {CURRENT_PANEL}.content;
            nb.activeCellIndex = index;
            nb.activeCell.node.scrollIntoView({{block: 'center'}});
            const editor = nb.activeCell.node.querySelector('.cm-content');
            if (!editor) return false;
            document.querySelectorAll('[data-engine-target]').forEach(el => el.removeAttribute('data-engine-target'));
            editor.setAttribute('data-engine-target', '');
            return true;
        }}""",
        index,
        what=f"the editor of cell {index}",
    )
    page.click(".cm-content[data-engine-target]")
    page.press("Control+End")
    page.type_text(text)


def save(page) -> None:
    """Ctrl+S, and wait until the notebook is saved."""
    page.press("Control+s")
    page.wait_for(f"() => !{CURRENT_PANEL}.context.model.dirty", timeout=30, what="the save (Ctrl+S)")


def stored_notebook(page, path: str) -> dict:
    """``path`` as the site's contents manager returns it now (the learner's copy if saved)."""
    return json.loads(
        page.call(
            "async (path) => JSON.stringify("
            "(await window.jupyterapp.serviceManager.contents.get(path, {content: true})).content)",
            path,
        )
    )


def course_menu(page, item: str) -> None:
    """Click Course › ``item`` in the menu bar, with real clicks."""
    page.click_text(".lm-MenuBar-itemLabel", "Course")
    page.click_text("#litecourse-course-menu .lm-Menu-itemLabel", item)
