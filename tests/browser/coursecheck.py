"""Run a course notebook top to bottom in the browser, as a learner pressing Shift+Enter would.

Cell tags (the ones nbclient and Jupyter Book read): ``raises-exception`` — the cell must
raise, and its error is expected; ``skip-execution`` — the cell is not run (a loop that never
ends, a call that needs the network). ``input()`` is answered with ``INPUT_ANSWER``.
Returns the failures (``build_tools.course_check.Failure``): notebook, cell, error, and the fix.
"""

from __future__ import annotations

from lab import CURRENT_PANEL, KERNEL_BOOT_TIMEOUT_MS, notebook_json, open_notebook, wait_for_kernel
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from build_tools.course_check import RAISES, SKIP, Failure, error_line

INPUT_ANSWER = "1"
CELL_TIMEOUT_S = 120


def _start_cell(page, index: int) -> None:
    page.evaluate(
        f"""(i) => {{
            const panel = {CURRENT_PANEL};
            panel.content.activeCellIndex = i;
            panel.content.deselectAll();
            window.jupyterapp.commands.execute('notebook:run-cell');
        }}""",
        index,
    )


def _cell_finished(page, index: int) -> bool:
    return page.evaluate(
        f"""(i) => {{
            const p = {CURRENT_PANEL};
            const k = p.sessionContext.session && p.sessionContext.session.kernel;
            const cell = p.content.widgets[i];
            return !!k && k.status === 'idle' && !!cell.model.executionCount
                   && !(cell.promptNode && cell.promptNode.textContent.includes('*'));
        }}""",
        index,
    )


def _waiting_box(boxes):
    """The first input() box still waiting for an answer, or None. An answered box stays on the
    page, no longer editable; a box can also go away between the listing and the look."""
    for box in boxes.all():
        try:
            if box.is_visible() and box.is_editable(timeout=1_000):
                return box
        except PlaywrightTimeout:
            pass
    return None


def _run(page, index: int) -> bool:
    """Run cell ``index``, answering input(); False when it did not finish in time."""
    _start_cell(page, index)
    boxes = page.locator(".jp-Stdin-input")
    for _ in range(CELL_TIMEOUT_S * 4):
        waiting = _waiting_box(boxes)
        if waiting:
            try:  # the box can be answered or redrawn between the look and the typing
                waiting.fill(INPUT_ANSWER, timeout=2_000)
                waiting.press("Enter", timeout=2_000)
            except PlaywrightTimeout:
                pass
        if _cell_finished(page, index):
            return True
        page.wait_for_timeout(250)
    return False


def run_notebook(page, base_url: str, path: str) -> list[Failure]:
    """The cells of ``path`` that did not run as their tags say, run top to bottom (empty: all did)."""
    open_notebook(page, base_url, path)
    wait_for_kernel(page)
    # a notebook saved with outputs carries old execution counts: start from none, so a
    # cell counts as run only once this run has numbered it (the notebook is not saved)
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    failures = []
    cells = notebook_json(page)["cells"]
    for index, cell in enumerate(cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or SKIP in tags or not source.strip():
            continue
        if not _run(page, index):
            failures.append(Failure(path, index, "timeout", f"{CELL_TIMEOUT_S} s", source))
            break
        outputs = notebook_json(page)["cells"][index]["outputs"]
        errors = [error_line(o["ename"], o["evalue"]) for o in outputs if o["output_type"] == "error"]
        if RAISES in tags and not errors:
            failures.append(Failure(path, index, "raised-nothing", "", source))
        elif errors and RAISES not in tags:
            failures.append(Failure(path, index, "error", errors[0], source))
    return failures


__all__ = ["run_notebook", "KERNEL_BOOT_TIMEOUT_MS"]
