"""Drive the course site like a learner: open notebooks, run cells, read outputs.

Functions take a Playwright ``page`` that already shows the site. Waits have generous
limits and no retries: a kernel that hangs fails the test that met it.
"""

from __future__ import annotations

import json

KERNEL_BOOT_TIMEOUT_MS = 180_000  # a cold boot takes 10-30 s; far beyond that is a hang

CURRENT_PANEL = "window.jupyterapp.shell.currentWidget"


def open_notebook(page, base_url: str, path: str) -> None:
    """Open ``path`` in the single-notebook view and wait for its cells to show."""
    page.goto(f"{base_url}notebooks/index.html?path={path}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(f"{CURRENT_PANEL} && {CURRENT_PANEL}.context && {CURRENT_PANEL}.context.isReady")


def wait_for_kernel(page) -> None:
    """Wait until the notebook's kernel is started and idle."""
    page.wait_for_function(
        f"""() => {{
            const p = {CURRENT_PANEL};
            const k = p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel;
            return k && k.status === 'idle';
        }}""",
        timeout=KERNEL_BOOT_TIMEOUT_MS,
    )


def start_run_all(page) -> None:
    """Start Run > Run All Cells without waiting (a cell may be waiting for input())."""
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def run_all(page) -> None:
    """Run every cell (as Run > Run All Cells does) and wait until all have finished."""
    start_run_all(page)
    wait_until_done(page)


def wait_until_done(page, timeout: int = KERNEL_BOOT_TIMEOUT_MS) -> None:
    """Wait until no code cell is queued or running (no ``[*]`` prompt) and the kernel is idle."""
    page.wait_for_function(
        f"""() => {{
            const p = {CURRENT_PANEL};
            const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
            if (!k || k.status !== 'idle') return false;
            return !Array.from(p.content.widgets).some(c => c.model.type === 'code' &&
                   (c.promptNode && c.promptNode.textContent.includes('*')));
        }}""",
        timeout=timeout,
    )


def notebook_json(page) -> dict:
    """The open notebook as nbformat JSON, from the frontend's model."""
    return json.loads(page.evaluate(f"JSON.stringify({CURRENT_PANEL}.content.model.toJSON())"))


def error_outputs(nb: dict) -> list[str]:
    """Errors and stderr text in a notebook's outputs, one string each."""
    found = []
    for index, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                found.append(f"cell {index}: {out['ename']}: {out['evalue']}")
            elif out["output_type"] == "stream" and out.get("name") == "stderr":
                found.append(f"cell {index} stderr: {''.join(out['text'])[:300]}")
    return found


def cell_text_outputs(cell: dict) -> str:
    """All text a code cell printed or returned, joined."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append("".join(out["text"]))
        elif "data" in out and "text/plain" in out["data"]:
            parts.append("".join(out["data"]["text/plain"]))
    return "".join(parts)


def set_cell_source(page, index: int, source: str) -> None:
    """Replace the source of cell ``index`` by typing into its editor, as a learner does."""
    editor = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(source)


def run_cell(page, index: int) -> None:
    """Select cell ``index`` and press Shift+Enter; wait until it has run."""
    page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    wait_until_done(page)


def store_notebook(page, name: str, cells: list[dict]) -> None:
    """Write notebook ``name`` with ``cells`` (outputs included) through the contents API, as a
    dropped file or a restored zip arrives: its outputs are untrusted. The page must show the app."""
    page.evaluate(
        """async ([name, cells]) => {
            await window.jupyterapp.serviceManager.contents.save(name, {
                type: 'notebook', format: 'json',
                content: {
                    cells,
                    metadata: {kernelspec: {name: 'python', display_name: 'Python (Pyodide)', language: 'python'}},
                    nbformat: 4, nbformat_minor: 5,
                },
            });
        }""",
        [name, cells],
    )


def open_file_browser(page, base_url: str) -> None:
    """Open the file list (the Notebook app's tree) and wait for the app's services."""
    page.goto(f"{base_url}tree/index.html")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.serviceManager")


def new_notebook(page, base_url: str, name: str) -> None:
    """Create an empty notebook called ``name`` with the Python kernel, and open it."""
    open_file_browser(page, base_url)
    empty = {"cell_type": "code", "source": "", "metadata": {}, "outputs": [], "execution_count": None}
    store_notebook(page, name, [empty])
    open_notebook(page, base_url, name)


def run_code(page, code: str) -> dict:
    """Type ``code`` into the first cell of the open notebook, run it, return the cell JSON."""
    set_cell_source(page, 0, code)
    run_cell(page, 0)
    return notebook_json(page)["cells"][0]


def run_in_new_notebook(page, base_url: str, name: str, code: str) -> dict:
    """Create notebook ``name``, wait for its kernel, run ``code`` in it; the cell JSON."""
    new_notebook(page, base_url, name)
    wait_for_kernel(page)
    return run_code(page, code)
