"""``micropip.install`` offline: point micropip at the course's own package index and refuse, at
once and in plain words, a package the course does not ship.

Runs at the start of every browser kernel (``build_tools/offline_pip.py`` adds the call to
:func:`use_course_index` to the start-up snippet). ``pyodide_js.lockfileBaseUrl`` is the URL of
``static/pyodide/``, where the build wrote the index beside the wheels; relative URLs would
resolve against the kernel's worker script.
"""

import re
from urllib.parse import urljoin


def project_name(requirement: str) -> str | None:
    """The canonical project a requirement names, or None for a URL or file micropip fetches itself.

    >>> project_name("Typing_Extensions>=4"), project_name("http://h/x-1-py3-none-any.whl")
    ('typing-extensions', None)
    """
    text = str(requirement).strip()
    if "://" in text or text.endswith(".whl") or " @ " in text or text.startswith("emfs:"):
        return None
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", text)
    return re.sub(r"[-_.]+", "-", match.group(0)).lower() if match else text


def unshipped(requirements, shipped) -> list[str]:
    """The requirements (as given) whose project the course does not ship.

    >>> unshipped(["pint", "Requests"], {"pint"})
    ['Requests']
    """
    names = []
    for req in [requirements] if isinstance(requirements, str) else list(requirements):
        name = project_name(req)
        if name is not None and name not in shipped:
            names.append(str(req).strip())
    return names


class NotInThisCourse(ValueError):
    """A package this course does not ship (shown as its message alone, no traceback)."""

    __module__ = "litecourse"

    def _render_traceback_(self):
        return [f"NotInThisCourse: {self}"]


def not_in_course_message(missing: list[str], installable: list[str]) -> str:
    """What the learner reads when they ask for packages the course does not ship.

    >>> not_in_course_message(["requests"], ["pint"])[:60]
    "'requests' is not part of this course, so it cannot be insta"
    """
    which = ", ".join(repr(n) for n in missing)
    one = len(missing) == 1
    offer = ", ".join(installable) if installable else "none beyond what is already installed"
    return (
        f"{which} {'is' if one else 'are'} not part of this course, so "
        f"{'it' if one else 'they'} cannot be installed here: the course "
        f"works offline and installs only the packages it ships. You can install: {offer}."
    )


def use_course_index(shipped: list[str], installable: list[str], index_dir: str) -> None:
    """Point micropip at ``<lockfileBaseUrl>/<index_dir>`` and wrap ``micropip.install`` (once)."""
    import micropip
    import pyodide_js

    base = str(getattr(pyodide_js, "lockfileBaseUrl", None) or "")
    if base:
        # no trailing slash: micropip appends "/<name>/"
        micropip.set_index_urls([urljoin(base, index_dir)])
    if getattr(micropip.install, "_litecourse", False):
        return
    shipped = frozenset(shipped)
    original = micropip.install

    async def install(requirements, *args, **kwargs):
        missing = unshipped(requirements, shipped)
        if missing:
            raise NotInThisCourse(not_in_course_message(missing, installable))
        return await original(requirements, *args, **kwargs)

    install._litecourse = True
    install.__doc__ = original.__doc__
    micropip.install = install
