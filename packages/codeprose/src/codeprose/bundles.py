"""MIME bundles for the magics: what a cell displays, built without IPython (so it is testable)."""

from __future__ import annotations

import html
import re
import shlex

from .errors import CodeproseError, OptionError
from .model import MIME_TYPE, Description

_CODE_SPAN = re.compile(r"`([^`]*)`")

DESCRIBE_OPTIONS = ("--brief", "--detailed", "--speak", "--run")


def _with_code(text: str) -> str:
    """Escape for HTML, then show `quoted code` as <code>."""
    return _CODE_SPAN.sub(r"<code>\1</code>", html.escape(text))


def parse_describe_options(line: str) -> dict:
    """The options of ``%%describe``; unknown ones raise :class:`OptionError`.

    >>> parse_describe_options("--detailed --speak")
    {'level': 'detailed', 'speak': True, 'run': False}
    """
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    unknown = [w for w in words if w not in DESCRIBE_OPTIONS]
    if unknown:
        raise OptionError(f"%%describe does not know the option {unknown[0]!r}; "
                          "use --brief, --detailed, --speak or --run")
    if "--brief" in words and "--detailed" in words:
        raise OptionError("%%describe takes either --brief or --detailed, not both")
    return {"level": "detailed" if "--detailed" in words else "brief",
            "speak": "--speak" in words, "run": "--run" in words}


def no_options(magic: str, line: str) -> None:
    """Magics without options say so instead of ignoring what was typed."""
    if line.strip():
        raise OptionError(f"%%{magic} takes no options, but was given {line.strip()!r}")


def description_bundle(description: Description, speak: bool = False) -> dict:
    """The description as the custom MIME type plus text and HTML fallbacks.

    >>> from codeprose import describe
    >>> sorted(description_bundle(describe("x = 1")))
    ['application/vnd.litecourse.description+json', 'text/html', 'text/plain']
    """
    data = description.to_mime(speak=speak)
    level = html.escape(description.level)
    if description.level == "detailed":
        items = []
        for s in description.sentences:
            line = "" if s.line is None else f' data-line="{s.line}"'
            where = ("" if s.line is None or s.text.startswith(f"Line {s.line} ")
                     else f'<span class="litecourse-line">Line {s.line}:</span> ')
            indent = f' style="margin-left: {1.5 * s.depth:g}em"' if s.depth else ""
            items.append(f"<li{line}{indent}>{where}{_with_code(s.text)}</li>")
        body = '<ol class="litecourse-steps" style="list-style: none; padding-left: 0">' + "".join(items) + "</ol>"
    else:
        body = "<p>" + " ".join(_with_code(s.text) for s in description.sentences) + "</p>"
    html_text = f'<div class="litecourse-description" data-level="{level}">{body}</div>'
    return {MIME_TYPE: data, "text/plain": description.text, "text/html": html_text}


def error_bundle(error: CodeproseError | str) -> dict:
    """A learner's error: plain text and an alert box, never a traceback.

    >>> error_bundle("line 2: expected ':'")["text/html"]
    '<div class="litecourse-error" role="alert">line 2: expected &#x27;:&#x27;</div>'
    """
    message = str(error)
    return {"text/plain": message,
            "text/html": f'<div class="litecourse-error" role="alert">{html.escape(message)}</div>'}


def note_bundle(message: str) -> dict:
    """A friendly note (an empty cell, say)."""
    return {"text/plain": message,
            "text/html": f'<div class="litecourse-note">{html.escape(message)}</div>'}


def code_bundle(code: str) -> dict:
    """Annotated code: highlighted HTML in a ``<pre>`` and the plain text."""
    from .highlight import highlight_html

    return {"text/plain": code, "text/html": highlight_html(code)}


def tree_bundle(tree_text: str) -> dict:
    """The AST view: plain text and a ``<pre>``."""
    return {"text/plain": tree_text,
            "text/html": f'<pre class="litecourse-ast">{html.escape(tree_text)}</pre>'}
