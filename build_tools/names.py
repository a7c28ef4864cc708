"""Python package names as Pyodide's lock spells them (wheel file names: ``packaging.utils.parse_wheel_filename``)."""

import re


def canonical(name: str) -> str:
    """The PEP 503 normalised form of a project name.

    >>> canonical("Prompt_Toolkit")
    'prompt-toolkit'
    """
    return re.sub(r"[-_.]+", "-", name).lower()

