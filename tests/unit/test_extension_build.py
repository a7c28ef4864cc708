"""litecourse-extension: the build stage, and the extension's pure logic.

The TypeScript modules without JupyterLab imports (``config-model``,
``startup-policy``, ``startup-guard``) are compiled with the extension's own
``tsc`` and run in node; the Python that the guard sends to the kernel is run
in a real IPython shell, as the Pyodide kernel (which ignores
``store_history: false``) and ipykernel (which honours it) would run it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from build_tools import extension
from build_tools.errors import BuildError
from build_tools.extension import (
    NODE_MISSING,
    NPM_INSTALLED,
    build_extension,
    check_node,
    extension_file_dep,
    extension_targets,
    node_version_ok,
)
from build_tools.paths import EXTENSION_DIR
from build_tools.tools import run

HAVE_NODE = shutil.which("node") is not None and shutil.which("npm") is not None
needs_node = pytest.mark.skipif(not HAVE_NODE, reason="node and npm are needed")


# --- the build stage -----------------------------------------------------------


def test_node_20_19_and_22_12_or_newer_are_accepted_older_are_not():
    assert [node_version_ok(v) for v in ("v20.19.0", "v20.20.2", "v22.12.0", "v24.1.0")] == [True] * 4
    assert [node_version_ok(v) for v in ("v18.19.1", "v20.18.3", "v21.7.0", "v22.11.0", "junk")] == [False] * 5


def test_missing_node_fails_with_one_line_saying_what_to_install(monkeypatch):
    monkeypatch.setattr(extension.shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(BuildError) as caught:
        check_node()
    assert str(caught.value) == NODE_MISSING
    assert "\n" not in str(caught.value)
    assert "apt-get install nodejs npm" in str(caught.value)


def test_too_old_node_fails_naming_the_version_found(tmp_path, monkeypatch):
    for name, text in (("node", "v18.19.0"), ("npm", "9.2.0")):
        tool = tmp_path / name
        tool.write_text(f"#!/bin/sh\necho {text}\n")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BuildError, match=r"found node v18\.19\.0"):
        check_node()


def test_file_dep_lists_every_source_and_no_build_output():
    deps = [p.relative_to(EXTENSION_DIR).as_posix() for p in extension_file_dep(EXTENSION_DIR)]
    for source in (
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "pyproject.toml",
        "litecourse_extension/__init__.py",
        "src/index.ts",
        "src/startup.ts",
        "src/renderers/index.ts",
        "style/index.css",
    ):
        assert source in deps
    assert not [d for d in deps if d.startswith(("node_modules/", "lib/", "litecourse_extension/labextension"))]


def test_target_is_the_versioned_wheel_in_the_output_folder(tmp_path):
    (wheel,) = extension_targets(tmp_path)
    assert wheel.parent == tmp_path
    assert wheel.name == f"litecourse_extension-{extension.extension_version()}-py3-none-any.whl"


def test_a_failing_step_names_the_step_and_shows_its_output(tmp_path):
    cmd = [sys.executable, "-c", "print('tsc: error TS2304'); raise SystemExit(2)"]
    with pytest.raises(BuildError) as caught:
        run("tsc", cmd, tmp_path)
    message = str(caught.value)
    assert message.startswith("tsc failed")
    assert "exit 2" in message and "error TS2304" in message
    assert "Traceback" not in message


def test_a_missing_program_is_a_build_error_naming_the_step_not_a_traceback(tmp_path):
    with pytest.raises(BuildError, match="^jupyter-builder build could not start /no/such/jupyter-builder"):
        run("jupyter-builder build", ["/no/such/jupyter-builder", "build", "."], tmp_path)


def test_doit_reruns_npm_ci_when_package_json_or_its_lock_changes_and_the_build_after_it():
    import dodo

    steps = {t["name"]: t for t in dodo.task_extension()}
    npm, wheel = steps["node_modules"], steps["wheel"]
    assert {EXTENSION_DIR / "package.json", EXTENSION_DIR / "package-lock.json"} <= set(npm["file_dep"])
    assert npm["targets"] == [EXTENSION_DIR / NPM_INSTALLED]
    assert EXTENSION_DIR / NPM_INSTALLED in wheel["file_dep"], "a new node_modules rebuilds the wheel"
    assert set(extension_file_dep(EXTENSION_DIR)) <= set(wheel["file_dep"])
    assert wheel["targets"] == extension_targets(extension.OUT_DIR)


@needs_node
def test_npm_writes_the_file_the_node_modules_step_names_as_its_target():
    if not (EXTENSION_DIR / "node_modules").is_dir():
        pytest.skip("node_modules are installed by the build (./run build)")
    assert (EXTENSION_DIR / NPM_INSTALLED).is_file()


@needs_node
def test_build_produces_a_wheel_with_the_prebuilt_labextension(tmp_path):
    wheel = build_extension(EXTENSION_DIR, tmp_path)
    version = extension.extension_version()
    share = f"litecourse_extension-{version}.data/data/share/jupyter/labextensions/litecourse-extension/"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        package = json.loads(zf.read(share + "package.json"))
    build = package["jupyterlab"]["_build"]
    assert share + build["load"] in names
    assert build["extension"] == "./extension"
    assert build["mimeExtension"] == "./mimeExtension"
    assert "litecourse_extension/__init__.py" in names
    assert not [n for n in names if n.endswith(".map")], "production build ships no source maps"


# --- the extension's pure TypeScript, run in node ---------------------------------


@pytest.fixture(scope="module")
def lib() -> Path:
    if not HAVE_NODE:
        pytest.skip("node and npm are needed")
    if not (EXTENSION_DIR / NPM_INSTALLED).is_file():
        extension.install_node_modules(EXTENSION_DIR)
    extension.compile_typescript(EXTENSION_DIR)
    return EXTENSION_DIR / "lib"


_NODE_EVAL = """
import { readFileSync } from 'node:fs';
const source = readFileSync(process.argv[1], 'utf8');
const m = await import('data:text/javascript;base64,' + Buffer.from(source).toString('base64'));
const value = await new Function('m', 'return (' + process.argv[2] + ');')(m);
process.stdout.write(JSON.stringify(value === undefined ? null : value));
"""


def node_eval(module: Path, expression: str):
    """Evaluate a JS expression with the (import-free) compiled module as ``m``."""
    result = subprocess.run(
        ["node", "--input-type=module", "-e", _NODE_EVAL, str(module), expression],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_config_without_snippet_uses_the_default_load_ext_snippet(lib):
    config = node_eval(lib / "config-model.js", "m.parseCourseConfig('{\"courseId\": \"py101\"}')")
    assert config == {
        "courseId": "py101",
        "title": "",
        "version": "",
        "startupSnippet": "%load_ext codecharts\n%load_ext codeprose\n%load_ext workings",
    }


def test_config_with_an_empty_snippet_turns_it_off(lib):
    assert node_eval(lib / "config-model.js", "m.parseCourseConfig('{\"startupSnippet\": \"\"}').startupSnippet") == ""


def test_malformed_or_mistyped_config_falls_back_to_defaults(lib):
    default = node_eval(lib / "config-model.js", "m.DEFAULT_STARTUP_SNIPPET")
    for raw in ("{not json", "[1, 2]", '{"startupSnippet": 3, "title": null}', ""):
        config = node_eval(lib / "config-model.js", f"m.parseCourseConfig({json.dumps(raw)})")
        assert config["startupSnippet"] == default and config["title"] == ""


def test_snippet_runs_only_in_python_kernels(lib):
    policy = lib / "startup-policy.js"
    python = "[m.isPythonKernel('python', 'python'), m.isPythonKernel('python', undefined), " \
        "m.isPythonKernel('xpython', null)]"
    others = "[m.isPythonKernel('javascript', 'javascript'), m.isPythonKernel('python', 'R'), " \
        "m.isPythonKernel('julia', undefined)]"
    assert node_eval(policy, python) == [True, True, True]
    assert node_eval(policy, others) == [False, False, False]


def test_snippet_runs_when_python_kernel_is_fresh_and_snippet_nonempty(lib):
    cases = node_eval(
        lib / "startup-policy.js",
        """[
        {snippet: 'import sys', isPython: true, status: 'starting', alreadyQueued: false},
        {snippet: 'import sys', isPython: true, status: 'restarting', alreadyQueued: false},
        {snippet: '  \\n', isPython: true, status: 'idle', alreadyQueued: false},
        {snippet: 'import sys', isPython: false, status: 'idle', alreadyQueued: false},
        {snippet: 'import sys', isPython: true, status: 'dead', alreadyQueued: false},
        {snippet: 'import sys', isPython: true, status: 'idle', alreadyQueued: true},
    ].map(m.shouldRunStartup)""",
    )
    assert cases == [True, True, False, False, False, False]


def test_restart_statuses_mean_a_fresh_kernel(lib):
    statuses = ["restarting", "autorestarting", "starting", "idle", "busy", "dead", "unknown"]
    flags = node_eval(lib / "startup-policy.js", f"{json.dumps(statuses)}.map(m.isRestartStatus)")
    assert dict(zip(statuses, flags)) == {
        "restarting": True,
        "autorestarting": True,
        "starting": False,
        "idle": False,
        "busy": False,
        "dead": False,
        "unknown": False,
    }


def test_ledger_allows_one_snippet_per_kernel_start(lib):
    steps = node_eval(
        lib / "startup-policy.js",
        """(() => {
        const l = new m.StartupLedger(); const a = {}, b = {};
        return [l.claim('k1', a), l.claim('k1', b), l.claim('k2', b), (l.release('k1'), l.claim('k1', b))];
    })()""",
    )
    assert steps == [True, False, True, True]


def test_ledger_frees_a_claim_whose_connection_closed_before_the_kernel_answered(lib):
    steps = node_eval(
        lib / "startup-policy.js",
        """(() => {
        const l = new m.StartupLedger(); const a = {}, b = {};
        const out = [l.claim('k', a), l.abandon('k', b), l.has('k'), l.abandon('k', a), l.claim('k', b)];
        l.answered('k', b);
        out.push(l.abandon('k', b), l.has('k'));
        return out;
    })()""",
    )
    # a stranger cannot free it; the owner can while unanswered; an answered claim stays
    assert steps == [True, False, True, True, True, False, True]


def test_failure_is_described_in_one_line(lib):
    policy = lib / "startup-policy.js"
    assert node_eval(policy, "m.describeFailure({status: 'ok'})") is None
    assert (
        node_eval(
            policy,
            "m.describeFailure({status: 'error', ename: 'ModuleNotFoundError', evalue: \"No module named 'x'\"})",
        )
        == "ModuleNotFoundError: No module named 'x'"
    )
    assert node_eval(policy, "m.describeFailure({status: 'aborted'})") == 'the kernel replied "aborted"'


def test_marked_stderr_line_is_read_back_as_the_snippet_error(lib):
    guard = lib / "startup-guard.js"
    text = 'noise\nLITECOURSE_STARTUP_ERROR {"ename": "NameError", "evalue": "x", "traceback": ["t"]}\n'
    assert node_eval(guard, f"m.parseStartupError({json.dumps(text)})") == {
        "ename": "NameError",
        "evalue": "x",
        "traceback": ["t"],
    }
    assert node_eval(guard, "m.parseStartupError('just a warning\\n')") is None


def test_start_up_notices_are_read_back_for_the_learner(lib):
    guard = lib / "startup-guard.js"
    text = 'noise\nLITECOURSE_STARTUP_NOTICE {"tools": ["workings"], "message": "Your file workings.py ..."}\nbroken\n'
    assert node_eval(guard, f"m.parseStartupNotices({json.dumps(text)})") == ["Your file workings.py ..."]
    assert node_eval(guard, "m.parseStartupNotices('LITECOURSE_STARTUP_NOTICE {not json\\n')") == []


def test_the_kernels_notice_marker_is_the_one_the_extension_reads(lib):
    from build_tools.kernel_code.our_tools_first import NOTICE_MARKER

    assert node_eval(lib / "startup-guard.js", "m.STARTUP_NOTICE_MARKER") == NOTICE_MARKER


def test_the_guards_error_marker_is_the_one_the_extension_reads(lib):
    import importlib.util

    spec = importlib.util.spec_from_file_location("startup_guard", EXTENSION_DIR / "kernel_python" / "startup_guard.py")
    guard_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guard_module)
    assert node_eval(lib / "startup-guard.js", "m.STARTUP_ERROR_MARKER") == guard_module.STARTUP_ERROR_MARKER


# --- the guard's Python, run in a real IPython shell -------------------------------


@pytest.fixture(scope="module")
def guard(lib) -> dict[str, str]:
    source = (EXTENSION_DIR / "kernel_python" / "startup_guard.py").read_text(encoding="utf-8")
    return node_eval(
        lib / "startup-guard.js", f"({{...m.guardCode({json.dumps(source)}), marker: m.STARTUP_ERROR_MARKER}})"
    )


@pytest.fixture
def shell():
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    InteractiveShell = interactiveshell.InteractiveShell
    import builtins

    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # as in the Pyodide kernel: no sqlite history
    # a `_` left in builtins by earlier tests stops IPython from setting `_` in the namespace
    leftover = builtins.__dict__.pop("_", None)
    InteractiveShell.clear_instance()
    ip = InteractiveShell.instance(config=config)
    tracebacks = []
    original = ip._showtraceback
    ip._showtraceback = lambda etype, evalue, stb: (tracebacks.append(etype.__name__), original(etype, evalue, stb))
    ip.tracebacks = tracebacks  # what the Pyodide kernel would report as an error reply
    yield ip
    InteractiveShell.clear_instance()
    if leftover is not None:
        builtins._ = leftover


def run_guarded(ip, guard, snippet, *, kernel_stores_history: bool):
    """Send arm, snippet, disarm as the extension does (Pyodide: stored; ipykernel: silent)."""
    options = {"store_history": True} if kernel_stores_history else {"store_history": False, "silent": True}
    results = [ip.run_cell(code, **options) for code in (guard["arm"], snippet, guard["disarm"])]
    return results


@pytest.mark.parametrize("stores", [True, False], ids=["pyodide", "ipykernel"])
def test_guard_turns_a_failing_snippet_into_a_marked_stderr_line_not_an_error_reply(shell, guard, capsys, stores):
    run_guarded(shell, guard, "import sys\n%load_ext no_such_module_for_litecourse", kernel_stores_history=stores)
    assert shell.tracebacks == []
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith(guard["marker"])]
    detail = json.loads(lines[0][len(guard["marker"]) :])
    assert detail["ename"] == "ModuleNotFoundError"
    assert "no_such_module_for_litecourse" in detail["evalue"]


def test_guard_catches_a_snippet_syntax_error_too(shell, guard, capsys):
    run_guarded(shell, guard, "if True print(1)", kernel_stores_history=True)
    assert shell.tracebacks == []
    assert guard["marker"] + '{"ename": "SyntaxError"' in capsys.readouterr().err


def test_learner_errors_show_as_usual_after_the_guard(shell, guard):
    run_guarded(shell, guard, "x = 1", kernel_stores_history=True)
    shell.run_cell("1/0", store_history=True)
    assert shell.tracebacks == ["ZeroDivisionError"]
    run_guarded(shell, guard, "1/0", kernel_stores_history=True)
    shell.run_cell("undefined_name", store_history=True)
    assert shell.tracebacks == ["ZeroDivisionError", "NameError"]


@pytest.mark.parametrize("stores", [True, False], ids=["pyodide", "ipykernel"])
def test_learner_first_cell_is_in_1_and_out_1(shell, guard, stores):
    run_guarded(shell, guard, "import sys\nsys._litecourse_test = True\n40 + 1", kernel_stores_history=stores)
    assert shell.execution_count == 1
    assert shell.user_ns["In"] == [""]
    shell.run_cell("6 * 7", store_history=True)
    ns = shell.user_ns
    assert ns["In"] == ["", "6 * 7"] and ns["_i1"] == "6 * 7"
    assert ns["Out"] == {1: 42} and ns["_"] == 42 and ns["_1"] == 42
    assert not [k for k in ns if k.startswith("_i") and k[2:].isdigit() and k != "_i1"]
    assert ns["sys"]._litecourse_test is True
    shell.run_cell("_ + 1", store_history=True)
    assert ns["Out"] == {1: 42, 2: 43} and ns["__"] == 42


def test_guard_leaves_only_the_snippets_own_names(shell, guard):
    before = set(shell.user_ns)
    run_guarded(shell, guard, "from_snippet = 1", kernel_stores_history=True)
    assert set(shell.user_ns) - before == {"from_snippet"}
    assert not hasattr(shell, "_litecourse_disarm_startup")
