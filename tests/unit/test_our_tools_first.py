"""The kernel start-up imports the course's tools before a learner's files of the same name.

The start-up code is run as the browser kernel runs it: one statement, in a Python whose
working folder (first on ``sys.path``) holds the learner's files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.course import Course
from build_tools.kernel_code.our_tools_first import NOTICE_MARKER, WARM_UP_DELAY
from build_tools.tools_first import startup_code, with_our_tools_first

TOOLS = ("codecharts", "codeprose", "workings")

RUN = """
import json, sys
sys.path.insert(0, "")
names_before = set(globals())
exec({code!r})
import codecharts, codeprose, workings
print(json.dumps({{
    "files": {{m.__name__: m.__file__ for m in (codecharts, codeprose, workings)}},
    "new_names": sorted(set(globals()) - names_before - {{"codecharts", "codeprose", "workings", "names_before"}}),
}}))
"""


def plant(folder: Path, *names: str) -> None:
    """Learner files that would leave a trace (and fail) if they were ever imported."""
    for name in names:
        (folder / f"{name}.py").write_text(
            f"open({str(folder / ('RAN_' + name))!r}, 'w').write('x')\nraise SystemExit('planted {name} ran')\n"
        )


def start_kernel_in(folder: Path, prelude: str = "") -> tuple[dict, str]:
    code = RUN.format(code=startup_code(TOOLS)).replace("names_before = ", prelude + "\nnames_before = ", 1)
    result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_course_tools_are_imported_not_the_learners_files_of_the_same_name(tmp_path):
    plant(tmp_path, *TOOLS)
    seen, _ = start_kernel_in(tmp_path)
    for name, file in seen["files"].items():
        assert not file.startswith(str(tmp_path)), f"{name} came from the learner's folder: {file}"
    assert not list(tmp_path.glob("RAN_*")), "a planted file ran at kernel start"


def test_a_learner_is_told_which_file_shadows_which_tool(tmp_path):
    plant(tmp_path, "workings")
    _, stderr = start_kernel_in(tmp_path)
    notices = [json.loads(line[len(NOTICE_MARKER):]) for line in stderr.splitlines() if line.startswith(NOTICE_MARKER)]
    assert [n["tools"] for n in notices] == [["workings"]]
    assert "workings.py" in notices[0]["message"] and "Rename" in notices[0]["message"]


def test_one_short_notice_names_every_file_that_shares_a_tools_name(tmp_path):
    plant(tmp_path, *TOOLS)
    _, stderr = start_kernel_in(tmp_path)
    notices = [json.loads(line[len(NOTICE_MARKER):]) for line in stderr.splitlines() if line.startswith(NOTICE_MARKER)]
    assert len(notices) == 1 and notices[0]["tools"] == list(TOOLS)
    message = notices[0]["message"]
    assert all(f"{name}.py" in message for name in TOOLS)
    assert len(message) <= 140, "JupyterLab cuts a notice at 140 characters"


def test_no_notice_when_no_file_shares_a_tools_name(tmp_path):
    (tmp_path / "helper.py").write_text("X = 1\n")
    _, stderr = start_kernel_in(tmp_path)
    assert NOTICE_MARKER not in stderr


def test_a_learners_module_imported_before_the_start_up_is_replaced(tmp_path):
    (tmp_path / "codecharts.py").write_text("LEARNER = True\n")
    seen, _ = start_kernel_in(tmp_path, prelude="import codecharts as _early")
    assert not seen["files"]["codecharts"].startswith(str(tmp_path))


def test_start_up_code_leaves_no_names_in_the_learners_namespace(tmp_path):
    seen, _ = start_kernel_in(tmp_path)
    assert seen["new_names"] == []


LIBRARIES = ("forallpeople", "handcalcs", "innerscope", "pyflowchart")

USE_LIBRARIES = """
import json, sys
sys.path.insert(0, "")
exec({code!r})
import pyflowchart, handcalcs, forallpeople, innerscope
print(json.dumps({{m.__name__: m.__file__ for m in (pyflowchart, handcalcs, forallpeople, innerscope)}}))
"""


def test_the_tools_libraries_imported_on_first_use_come_from_the_installed_packages(tmp_path):
    plant(tmp_path, *LIBRARIES)
    code = USE_LIBRARIES.format(code=startup_code(TOOLS, LIBRARIES))
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    files = json.loads(result.stdout.strip().splitlines()[-1])
    assert not [f for f in files.values() if f.startswith(str(tmp_path))], files
    assert not list(tmp_path.glob("RAN_*")), "a planted file ran"
    notices = [json.loads(line[len(NOTICE_MARKER):]) for line in result.stderr.splitlines()
               if line.startswith(NOTICE_MARKER)]
    assert len(notices) == 1 and sorted(notices[0]["tools"]) == sorted(LIBRARIES)


def test_a_learners_module_named_like_nothing_installed_still_imports(tmp_path):
    (tmp_path / "shapes.py").write_text("SIDES = 4\n")
    start = startup_code(TOOLS, LIBRARIES)
    code = f"import sys\nsys.path.insert(0, '')\nexec({start!r})\nimport shapes\nprint(shapes.SIDES)"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "4", result.stderr


def test_the_site_snippet_protects_every_library_in_the_tools_dependencies():
    lock = {"workings": {"depends": ["handcalcs", "forallpeople"], "imports": ["workings"]},
            "handcalcs": {"depends": ["innerscope"], "imports": ["handcalcs"]},
            "forallpeople": {"depends": [], "imports": ["forallpeople"]},
            "innerscope": {"depends": [], "imports": ["innerscope"]},
            "numpy": {"depends": [], "imports": ["numpy"]}}
    course = with_our_tools_first(Course("c", "C", "1", startup="%load_ext workings"), ("workings",), lock)
    assert 'import_our_tools(["workings"], ["forallpeople", "handcalcs", "innerscope"])' in course.startup


def test_site_snippet_imports_the_preloaded_tools_before_the_courses_own_lines():
    course = with_our_tools_first(Course("c", "C", "1", startup="%load_ext workings", preload=("workings", "numpy")),
                                  ("workings",))
    first, rest = course.startup.split("\n", 1)
    assert 'import_our_tools(["workings"], [])' in first
    assert rest == "%load_ext workings"


def test_a_course_without_preloaded_tools_keeps_its_snippet_as_it_is():
    course = Course("c", "C", "1", startup="print(1)")
    assert with_our_tools_first(course, ()) is course


# --- the tools' heavy libraries, imported in the background once the kernel is idle

HEAVY = ("handcalcs.handcalcs", "forallpeople", "pyflowchart")

BACKGROUND = """
import asyncio, json, sys
sys.path.insert(0, "")
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
exec({code!r})
after_start_up = [m for m in {heavy!r} if m in sys.modules]
loop.run_until_complete(asyncio.sleep({wait}))
print(json.dumps({{"after_start_up": after_start_up,
                  "later": [m for m in {heavy!r} if m in sys.modules]}}))
"""


def run_background(folder: Path, wait: float = 0) -> tuple[dict, str]:
    """The start-up code, then ``wait`` seconds of the event loop; which heavy modules are imported when."""
    code = BACKGROUND.format(code=startup_code(TOOLS), heavy=HEAVY, wait=wait)
    result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stdout + result.stderr


def test_the_tools_heavy_libraries_are_imported_after_the_start_up_not_during_it(tmp_path):
    seen, _ = run_background(tmp_path, wait=WARM_UP_DELAY + 5)
    assert seen["after_start_up"] == []
    assert seen["later"] == list(HEAVY)


def test_nothing_is_imported_in_the_background_before_the_kernel_had_time_to_answer(tmp_path):
    seen, _ = run_background(tmp_path, wait=WARM_UP_DELAY / 4)
    assert seen["later"] == []


def test_background_imports_never_take_a_learners_file_of_the_same_name(tmp_path):
    plant(tmp_path, "pyparsing", "pyflowchart")
    seen, said = run_background(tmp_path, wait=WARM_UP_DELAY + 5)
    assert seen["later"] == list(HEAVY)
    assert not list(tmp_path.glob("RAN_*")), "a planted file ran in the background"
    assert "planted" not in said


def test_background_imports_print_nothing_into_the_learners_outputs(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "loud_tool.py").write_text('WARM_UP = ("loud_dependency",)\n')
    (lib / "loud_dependency.py").write_text(
        "import sys, warnings\nprint('LOUD out')\nprint('LOUD err', file=sys.stderr)\nwarnings.warn('LOUD warning')\n"
    )
    code = BACKGROUND.format(code=startup_code(["loud_tool"]), heavy=("loud_dependency",), wait=WARM_UP_DELAY + 2)
    code = code.replace('sys.path.insert(0, "")', f'sys.path[:0] = ["", {str(lib)!r}]')
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert json.loads(result.stdout.strip().splitlines()[-1])["later"] == ["loud_dependency"]
    assert "LOUD" not in result.stdout + result.stderr


@pytest.mark.parametrize("tool", ["codecharts", "codeprose", "workings"])
def test_each_tools_public_names_stay_themselves_after_the_background_imports(tool):
    # importing a submodule sets the package attribute of its name: a submodule named like a
    # public function would turn `codeprose.describe(...)` into "'module' object is not callable"
    code = (
        f"import importlib, types, {tool} as tool\n"
        "for module in tool.WARM_UP: importlib.import_module(module)\n"
        "modules = [n for n in tool.__all__ if isinstance(getattr(tool, n), types.ModuleType)]\n"
        "print(modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"{tool}: names that became modules: {done.stdout}"
