"""Python package names as Pyodide's lock and wheel files spell them."""

import re


def canonical(name: str) -> str:
    """The PEP 503 normalised form of a project name.

    >>> canonical("Prompt_Toolkit")
    'prompt-toolkit'
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_project(file_name: str) -> str:
    """The canonical project name a wheel file belongs to.

    >>> wheel_project("more_itertools-11.0.1-py3-none-any.whl")
    'more-itertools'
    """
    return canonical(file_name.split("-", 1)[0])


def wheel_version(file_name: str) -> str:
    """The version part of a wheel file name.

    >>> wheel_version("more_itertools-11.0.1-py3-none-any.whl")
    '11.0.1'
    """
    return file_name.split("-")[1]


def is_pure_wheel_name(file_name: str) -> bool:
    """True for wheels that any Python 3 can install: ``*-none-any.whl``.

    >>> is_pure_wheel_name("six-1.17.0-py2.py3-none-any.whl")
    True
    >>> is_pure_wheel_name("numpy-2.3.0-cp314-cp314-manylinux_2_28_x86_64.whl")
    False
    """
    parts = file_name[: -len(".whl")].split("-") if file_name.endswith(".whl") else []
    return len(parts) >= 5 and parts[-2] == "none" and parts[-1] == "any"
