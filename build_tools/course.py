"""The course configuration (``course.toml``): title, id, version, start-up snippet, outline."""

from __future__ import annotations

import collections
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError

COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class Section:
    """A titled part of the outline (a week, a unit) and its notebooks in order."""

    title: str
    notebooks: tuple[str, ...]


@dataclass(frozen=True)
class Course:
    """What ``course.toml`` says about the course."""

    id: str
    title: str
    version: str
    introduction: str = ""
    startup: str = ""
    preload: tuple[str, ...] = ()
    installable: tuple[str, ...] = ()
    pyodide_packages: tuple[str, ...] = ()  # Pyodide's own packages shipped with the site
    pyodide_source: str = ""  # where the build gets them ("" = the official release)
    widgets: bool = False  # ipywidgets in the kernel and the widget manager in the page
    outline: tuple[str, ...] = field(default=())  # every notebook of the outline, in order
    sections: tuple[Section, ...] = ()  # titled parts of the outline, after its untitled list

    @property
    def storage_prefix(self) -> str:
        """Prefix of every browser storage name this course uses."""
        return f"litecourse-{self.id}"


#: every section and key ``course.toml`` may hold, with the type of its value
SCHEMA: dict[str, dict[str, type]] = {
    "course": {"id": str, "title": str, "version": str, "introduction": str},
    "kernel": {"startup": str, "preload": list, "installable": list, "pyodide_packages": list, "pyodide_source": str,
               "widgets": bool},
    "outline": {"notebooks": list, "section": dict},
}
#: keys of one ``[[outline.section]]``
SECTION_SCHEMA: dict[str, type] = {"title": str, "notebooks": list}
TYPE_WORDS = {str: "a text in quotes", list: 'a list of texts, e.g. ["a", "b"]', bool: "true or false (no quotes)"}


def _did_you_mean(word: str, choices, shape: str = "'{}'") -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {shape.format(close[0])}?)" if close else ""


def schema_problems(data: dict) -> list[str]:
    """One message per unknown section or key, or value of the wrong type.

    >>> for problem in schema_problems({"kernal": {}, "course": {"id": 1, "titel": "T"}}):
    ...     print(problem)
    unknown section [kernal] (did you mean [kernel]?)
    [course] id must be a text in quotes, not 1
    [course] unknown key 'titel' (did you mean 'title'?)
    """
    problems = []
    for section, table in data.items():
        if section not in SCHEMA:
            problems.append(f"unknown section [{section}]{_did_you_mean(section, SCHEMA, '[{}]')}")
            continue
        if not isinstance(table, dict):
            problems.append(f"[{section}] must be a section (a [{section}] heading), not a value")
            continue
        for key, value in table.items():
            expected = SCHEMA[section].get(key)
            if expected is None:
                problems.append(f"[{section}] unknown key '{key}'{_did_you_mean(key, SCHEMA[section])}")
            elif expected is dict:  # an array of tables: [[outline.section]]
                problems.extend(_section_problems(section, key, value))
            elif not _has_type(value, expected):
                problems.append(f"[{section}] {key} must be {TYPE_WORDS[expected]}, not {value!r}")
    return problems


def _has_type(value, expected: type) -> bool:
    return isinstance(value, expected) and (expected is not list or all(isinstance(v, str) for v in value))


def _section_problems(section: str, key: str, value) -> list[str]:
    where = f"[[{section}.{key}]]"
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return [f"{where} must be written as tables: a '{where}' heading, then title = \"…\" and notebooks = [...]"]
    problems = []
    for number, table in enumerate(value, 1):
        for name, item in table.items():
            expected = SECTION_SCHEMA.get(name)
            if expected is None:
                problems.append(f"{where} number {number}: unknown key '{name}'{_did_you_mean(name, SECTION_SCHEMA)}")
            elif not _has_type(item, expected):
                problems.append(f"{where} number {number}: {name} must be {TYPE_WORDS[expected]}, not {item!r}")
        for name in SECTION_SCHEMA:
            if name not in table:
                problems.append(f"{where} number {number} needs '{name}'")
    return problems


def load_course(path: Path) -> Course:
    """Read and check ``course.toml``: every problem is named, one line each.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "course.toml"
    >>> _ = p.write_text('[course]\\nid = "intro-py"\\ntitle = "Intro"\\nversion = "1"\\n')
    >>> load_course(p).storage_prefix
    'litecourse-intro-py'
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path} is missing: it holds the course's id, title and version") from None
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(f"{path}: {exc}") from None
    problems = schema_problems(data)
    course = data.get("course", {}) if isinstance(data.get("course"), dict) else {}
    kernel = data.get("kernel", {}) if isinstance(data.get("kernel"), dict) else {}
    outline = data.get("outline", {}) if isinstance(data.get("outline"), dict) else {}
    for key in ("id", "title", "version"):
        if key not in course:
            problems.append(f"[course] needs a text value for '{key}'")
        elif isinstance(course[key], str) and not course[key].strip():
            problems.append(f"[course] '{key}' must not be empty")
    if isinstance(course.get("id"), str) and course["id"].strip() and not COURSE_ID.match(course["id"]):
        problems.append(
            f"course id {course['id']!r} must be lowercase letters, digits and '-' "
            "(it names the learners' browser storage)"
        )
    problems.extend(_widgets_problems(kernel))
    if not problems:
        problems.extend(outline_repeats(outline))
    if problems:
        raise BuildError("\n".join(f"{path}: {p}" for p in problems))
    return Course(
        id=course["id"],
        title=course["title"].strip(),
        version=course["version"].strip(),
        introduction=" ".join(course.get("introduction", "").split()),
        startup=kernel.get("startup", "").strip(),
        preload=tuple(kernel.get("preload", ())),
        installable=tuple(kernel.get("installable", ())),
        pyodide_packages=tuple(kernel.get("pyodide_packages", ())),
        pyodide_source=_source_path(kernel.get("pyodide_source", "").strip(), path.parent),
        widgets=kernel.get("widgets", False),
        outline=tuple(outline.get("notebooks", ()))
        + tuple(path for part in outline.get("section", ()) for path in part["notebooks"]),
        sections=tuple(Section(part["title"].strip(), tuple(part["notebooks"])) for part in outline.get("section", ())),
    )


def outline_repeats(outline: dict) -> list[str]:
    """One line per notebook that the outline names more than once (a learner would meet it
    twice on the home page, or the teacher meant another notebook).

    >>> outline = {"notebooks": ["a.ipynb"], "section": [{"title": "Week 1", "notebooks": ["b.ipynb"]},
    ...            {"title": "Week 2", "notebooks": ["a.ipynb", "b.ipynb", "b.ipynb"]}]}
    >>> for problem in outline_repeats(outline):
    ...     print(problem)
    [outline] 'a.ipynb' is named twice: in [outline] notebooks and in section 'Week 2'; name it once
    [outline] 'b.ipynb' is named 3 times: in section 'Week 1' and in section 'Week 2' (2 times); name it once
    """
    places: dict[str, list[str]] = {}
    for path in outline.get("notebooks", ()):
        places.setdefault(path, []).append("[outline] notebooks")
    for part in outline.get("section", ()):
        for path in part.get("notebooks", ()):
            places.setdefault(path, []).append(f"section {part.get('title', '').strip()!r}")
    problems = []
    for path, where in places.items():
        if len(where) > 1:
            times = "twice" if len(where) == 2 else f"{len(where)} times"
            counted = collections.Counter(where)
            text = " and in ".join(place if n == 1 else f"{place} ({n} times)" for place, n in counted.items())
            problems.append(f"[outline] {path!r} is named {times}: in {text}; name it once")
    return problems


def _widgets_problems(kernel: dict) -> list[str]:
    """ipywidgets named as an extra package: without the widget manager its sliders show as text."""
    if kernel.get("widgets") is True:
        return []
    return [
        f"[kernel] {key}: 'ipywidgets' needs the widget manager in the page too: "
        "set widgets = true in [kernel] instead (it ships both)"
        for key in ("preload", "installable")
        if isinstance(kernel.get(key), list) and any(isinstance(n, str) and n.strip().lower() == "ipywidgets"
                                                       for n in kernel[key])
    ]


def _source_path(source: str, course_dir: Path) -> str:
    """A local distribution path made absolute against the course file's folder; URLs as they are."""
    if not source or source.startswith(("http://", "https://")):
        return source
    return str((course_dir / source).resolve())


def tool_packages(packages_dir: Path) -> list[str]:
    """Our kernel packages: the folders of ``packages/`` with a ``pyproject.toml`` (not the extension)."""
    return sorted(p.name for p in packages_dir.iterdir()
                  if (p / "pyproject.toml").is_file() and p.name != "litecourse-extension")


def our_preloads(course: Course, packages_dir: Path) -> tuple[str, ...]:
    """The preloaded names that are our own packages (built from ``packages/``), in order."""
    ours = set(tool_packages(packages_dir))
    return tuple(name for name in course.preload if name in ours)


def check_preload(course: Course, packages_dir: Path) -> None:
    """Fail naming each preloaded name that is neither our package nor one of ``pyodide_packages``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "workings").mkdir()
    >>> _ = (d / "workings" / "pyproject.toml").write_text("")
    >>> check_preload(Course("c", "C", "1", preload=("workings", "numpy"), pyodide_packages=("numpy",)), d)
    >>> check_preload(Course("c", "C", "1", preload=("numpy",)), d)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    build_tools.errors.BuildError: course.toml: [kernel] preload: 'numpy' is neither one of the course's tool packages
    (workings) nor in [kernel] pyodide_packages
    """
    ours = tool_packages(packages_dir)
    wrong = [name for name in course.preload if name not in ours and name not in course.pyodide_packages]
    if wrong:
        raise BuildError("\n".join(
            f"course.toml: [kernel] preload: {name!r} is neither one of the course's tool packages "
            f"({', '.join(ours)}) nor in [kernel] pyodide_packages"
            for name in wrong
        ))
