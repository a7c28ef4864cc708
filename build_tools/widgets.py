"""ipywidgets for a course that asks for them (``[kernel] widgets = true`` in ``course.toml``).

A widget needs two halves: ``ipywidgets`` in the kernel, and the widget manager in the page
(the ``@jupyter-widgets/jupyterlab-manager`` labextension) that turns a widget's output into a
live slider and sends its changes back to Python. Without the manager a slider shows as the
text ``IntSlider(value=3)``. The manager ships prebuilt inside the ``jupyterlab_widgets`` wheel:
the same pinned wheel (``lite_site/kernel-pins.txt``) is given to the kernel, which needs it as
a dependency of ipywidgets, and to ``jupyter lite build`` as a federated extension. A course that
does not ask gets neither half, and its site does not grow.

ipywidgets also requires ``widgetsnbextension``, the classic Notebook's copy of the manager
(megabytes of JavaScript nobody here loads); the Pyodide kernel ships an empty stand-in for it,
which the kernel takes instead.
"""

from __future__ import annotations

from pathlib import Path

from packaging.utils import parse_wheel_filename

from .course import Course
from .download import download
from .errors import BuildError
from .names import canonical
from .pins import read_pins

#: what the kernel gets for widgets, with its dependencies; Pyodide loads it when a cell imports it
KERNEL_ROOTS = ("ipywidgets",)
#: the Python package whose wheel holds the widget manager's prebuilt labextension (JupyterLab 4)
MANAGER_PACKAGE = "jupyterlab-widgets"
#: the widget manager's labextension, as named under ``extensions/`` of a built site
MANAGER_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
#: the classic Notebook's widget package, which the kernel ships as the Pyodide kernel's stand-in
STAND_IN_PACKAGE = "widgetsnbextension"
#: modules whose widgets show only where the page has the widget manager
WIDGET_MODULES = frozenset({"ipywidgets"})
#: what to do about an ``import ipywidgets`` in a course without widgets
TURN_ON = "set widgets = true in [kernel] of course.toml"


def kernel_roots(course: Course) -> tuple[str, ...]:
    """Packages the kernel ships for the course's widgets (none when it does not ask).

    >>> kernel_roots(Course("c", "C", "1", widgets=True)), kernel_roots(Course("c", "C", "1"))
    (('ipywidgets',), ())
    """
    return KERNEL_ROOTS if course.widgets else ()


def stand_in_wheel(kernel_wheels: Path) -> Path:
    """The newest of the Pyodide kernel's empty ``widgetsnbextension`` wheels (4.0.999 for ipywidgets 8).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for n in ("widgetsnbextension-3.6.999-py3-none-any.whl", "widgetsnbextension-4.0.999-py3-none-any.whl"):
    ...     _ = (d / n).write_bytes(b"")
    >>> stand_in_wheel(d).name
    'widgetsnbextension-4.0.999-py3-none-any.whl'
    """
    found = sorted(kernel_wheels.glob(f"{STAND_IN_PACKAGE}-*.whl"), key=lambda p: parse_wheel_filename(p.name)[1])
    if not found:
        raise BuildError(f"{kernel_wheels} has no {STAND_IN_PACKAGE} wheel: reinstall jupyterlite-pyodide-kernel")
    return found[-1]


def manager_wheel(pins_path: Path, cache: Path) -> Path:
    """The pinned ``jupyterlab_widgets`` wheel (downloaded into ``cache`` once): the widget manager."""
    version = read_pins(pins_path).get(canonical(MANAGER_PACKAGE))
    if version is None:
        raise BuildError(f"{MANAGER_PACKAGE} has no pinned version in {pins_path}: add a line "
                         f"'{MANAGER_PACKAGE}==VERSION' (the version ipywidgets' pin asks for)")
    return download({MANAGER_PACKAGE: version}, cache)[canonical(MANAGER_PACKAGE)]


def site_extensions(course: Course, pins_path: Path, cache: Path) -> tuple[Path, ...]:
    """Prebuilt labextensions (wheels) the course's site gets besides ours: the widget manager, if asked."""
    return (manager_wheel(pins_path, cache),) if course.widgets else ()
