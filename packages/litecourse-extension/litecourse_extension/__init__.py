"""litecourse-extension: the prebuilt JupyterLab/JupyterLite extension of litecourse.

The Python package only carries the built labextension, installed as shared data
in ``share/jupyter/labextensions/litecourse-extension``.
"""

__version__ = "0.1.0"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Where Jupyter finds the built labextension of this package.

    >>> _jupyter_labextension_paths()[0]["dest"]
    'litecourse-extension'
    """
    return [{"src": "labextension", "dest": "litecourse-extension"}]
