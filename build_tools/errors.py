"""Build errors written for the educator who runs the build, not for a debugger."""


class BuildError(Exception):
    """A build step failed for a reason the educator can fix; the message says how.

    >>> str(BuildError("content/intro.ipynb: not valid JSON (line 3)"))
    'content/intro.ipynb: not valid JSON (line 3)'
    """
