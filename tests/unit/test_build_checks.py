"""Build checks that protect learners: version pin, pure wheels, valid notebooks, course config."""

from __future__ import annotations

import json
import zipfile

import pytest

from build_tools import pyodide
from build_tools.course import load_course
from build_tools.errors import BuildError
from build_tools.notebooks import check_all, check_notebook
from build_tools.wheelinfo import check_pure, read_wheel


def make_wheel(path, *, purelib=True, extra_files=(), requires=()):
    name, version = path.name.split("-")[:2]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}/__init__.py", "")
        for f in extra_files:
            zf.writestr(f, b"\0")
        meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)
        zf.writestr(
            f"{name}-{version}.dist-info/WHEEL",
            f"Wheel-Version: 1.0\nRoot-Is-Purelib: {'true' if purelib else 'false'}\n",
        )
    return path


def test_pyodide_pin_must_match_the_kernel():
    assert pyodide.check_pin("314.0.6", expected="314.0.6") == "314.0.6"
    with pytest.raises(BuildError, match="pinned to 314.0.5.*expects 314.0.6"):
        pyodide.check_pin("314.0.5", expected="314.0.6")


def test_pyodide_pin_matches_the_installed_kernel():
    import tomllib
    from pathlib import Path

    pin = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())["tool"]["litecourse"]["pyodide"]
    assert pyodide.check_pin(pin) == pyodide.kernel_pyodide_version()


def test_a_pure_wheel_passes(tmp_path):
    check_pure(make_wheel(tmp_path / "tiny-1.0-py3-none-any.whl"))


def test_a_platform_wheel_is_refused_by_name(tmp_path):
    wheel = make_wheel(tmp_path / "fast-1.0-cp314-cp314-manylinux_2_28_x86_64.whl", purelib=False)
    with pytest.raises(BuildError, match="fast-1.0-cp314-cp314-manylinux_2_28_x86_64.whl is not a pure-Python wheel"):
        check_pure(wheel)


def test_a_wheel_named_pure_but_holding_compiled_code_is_refused(tmp_path):
    wheel = make_wheel(tmp_path / "sneaky-1.0-py3-none-any.whl", extra_files=["sneaky/_speed.so"])
    with pytest.raises(BuildError, match="sneaky/_speed.so"):
        check_pure(wheel)


def test_wheel_requirements_are_read_for_the_browser(tmp_path):
    wheel = make_wheel(
        tmp_path / "dep-1.0-py3-none-any.whl",
        requires=[
            "a>=1",
            "winonly; sys_platform == 'win32'",
            "extra-thing; extra == 'docs'",
            "new; python_version >= '3.14'",
        ],
    )
    assert read_wheel(wheel).depends == ["a", "new"]


def test_a_corrupt_notebook_fails_naming_the_file_and_line(tmp_path):
    bad = tmp_path / "lesson.ipynb"
    bad.write_text('{\n  "cells": [\n  ,\n}')
    with pytest.raises(BuildError, match=r"lesson.ipynb is not a valid notebook: not valid JSON \(line 3"):
        check_all(tmp_path)


def test_a_notebook_missing_nbformat_fields_fails_naming_the_file(tmp_path):
    bad = tmp_path / "half.ipynb"
    bad.write_text(
        json.dumps(
            {"cells": [{"cell_type": "code", "source": "x"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        )
    )
    with pytest.raises(BuildError, match="half.ipynb is not a valid notebook"):
        check_notebook(bad)


def test_course_notebooks_are_all_valid():
    from pathlib import Path

    assert check_all(Path(__file__).parents[2] / "content")


def test_course_id_must_be_safe_for_storage_names(tmp_path):
    toml = tmp_path / "course.toml"
    toml.write_text('[course]\nid = "My Course!"\ntitle = "T"\nversion = "1"\n')
    with pytest.raises(BuildError, match="must be lowercase letters"):
        load_course(toml)


# --- a strict course.toml: one line per mistake, never a traceback ------------------

COURSE_HEAD = '[course]\nid = "c"\ntitle = "T"\nversion = "1"\n'


def course_problems(tmp_path, text: str) -> list[str]:
    toml = tmp_path / "course.toml"
    toml.write_text(text)
    with pytest.raises(BuildError) as caught:
        load_course(toml)
    return [line.split(": ", 1)[1] for line in str(caught.value).splitlines()]


def test_a_misspelt_section_is_named_with_a_suggestion(tmp_path):
    assert course_problems(tmp_path, COURSE_HEAD + '[kernal]\nstartup = "x"\n') == [
        "unknown section [kernal] (did you mean [kernel]?)"
    ]


def test_a_misspelt_key_is_named_with_a_suggestion(tmp_path):
    assert course_problems(tmp_path, COURSE_HEAD + '[kernel]\npreloads = ["workings"]\n') == [
        "[kernel] unknown key 'preloads' (did you mean 'preload'?)"
    ]


def test_a_list_written_as_one_text_is_refused_not_read_letter_by_letter(tmp_path):
    assert course_problems(tmp_path, COURSE_HEAD + '[outline]\nnotebooks = "x.ipynb"\n') == [
        '[outline] notebooks must be a list of texts, e.g. ["a", "b"], not \'x.ipynb\''
    ]


def test_every_mistake_is_listed_at_once(tmp_path):
    problems = course_problems(tmp_path, '[course]\nid = 3\ntitle = ""\n[kernel]\ninstallable = [1]\n')
    assert problems == [
        "[course] id must be a text in quotes, not 3",
        '[kernel] installable must be a list of texts, e.g. ["a", "b"], not [1]',
        "[course] 'title' must not be empty",
        "[course] needs a text value for 'version'",
    ]


def test_widgets_is_a_true_or_false_setting_and_off_unless_the_course_asks(tmp_path):
    toml = tmp_path / "course.toml"
    toml.write_text(COURSE_HEAD)
    assert load_course(toml).widgets is False
    toml.write_text(COURSE_HEAD + "[kernel]\nwidgets = true\n")
    assert load_course(toml).widgets is True
    assert course_problems(tmp_path, COURSE_HEAD + '[kernel]\nwidgets = "yes"\n') == [
        "[kernel] widgets must be true or false (no quotes), not 'yes'"
    ]


def test_ipywidgets_named_as_an_extra_package_asks_for_the_widgets_setting(tmp_path):
    assert course_problems(tmp_path, COURSE_HEAD + '[kernel]\ninstallable = ["pint", "ipywidgets"]\n') == [
        "[kernel] installable: 'ipywidgets' needs the widget manager in the page too: "
        "set widgets = true in [kernel] instead (it ships both)"
    ]
    toml = tmp_path / "course.toml"
    toml.write_text(COURSE_HEAD + '[kernel]\ninstallable = ["ipywidgets"]\nwidgets = true\n')
    assert load_course(toml).widgets is True


def test_preloading_something_that_is_not_one_of_our_tools_is_named(tmp_path):
    from build_tools.course import Course, check_preload
    from build_tools.paths import PACKAGES

    with pytest.raises(
        BuildError,
        match=r"preload: 'numpy' is neither one of the course's tool packages \(codecharts, codeprose, workings\) "
        r"nor in \[kernel\] pyodide_packages",
    ):
        check_preload(Course("c", "C", "1", preload=("workings", "numpy")), PACKAGES)


@pytest.mark.parametrize(
    "text, message",
    [
        ('[course\nid = "x"\n', "Expected ']' at the end of a table declaration"),
        (COURSE_HEAD + '[kernel]\npreload = ["numpy"]\n', "'numpy' is neither one of the course's tool packages"),
    ],
)
def test_the_build_stops_on_a_course_mistake_with_its_message_and_no_traceback(tmp_path, text, message):
    import subprocess
    import sys
    from pathlib import Path

    toml = tmp_path / "course.toml"
    toml.write_text(text)
    root = Path(__file__).parents[2]
    loads_dodo = f"import build_tools.paths as p, pathlib; p.COURSE_TOML = pathlib.Path({str(toml)!r}); import dodo"
    result = subprocess.run([sys.executable, "-c", loads_dodo], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "BUILD FAILED:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failing_build_step_ends_with_our_message_alone_and_a_non_zero_exit(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).parents[2]
    (tmp_path / "failing_dodo.py").write_text(
        f"import sys\nsys.path.insert(0, {str(root)!r})\n"
        "from dodo import _fail_clearly\n"
        "from build_tools.errors import BuildError\n"
        f"DOIT_CONFIG = {{'dep_file': {str(tmp_path / 'doit.json')!r}, 'backend': 'json', 'verbosity': 2}}\n"
        "def corrupt():\n"
        "    raise BuildError('content/intro.ipynb: not valid JSON (line 3, column 1)')\n"
        "def task_kernel():\n"
        "    return {'actions': [_fail_clearly(corrupt)]}\n"
    )
    result = subprocess.run([sys.executable, "-m", "doit", "-f", str(tmp_path / "failing_dodo.py")], cwd=root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    said = (result.stdout + result.stderr).strip()
    assert said.endswith("BUILD FAILED: content/intro.ipynb: not valid JSON (line 3, column 1)"), said
    for noise in ("TaskFailed", "taskid:", "Python Task failed", "returned False", "<function"):
        assert noise not in said
