"""HTML and plain-text renderings of workings' results and errors.

Pure functions returning strings and MIME bundles; nothing here talks to
IPython.  Boxes carry a class for the course stylesheet and a little inline
style so they read clearly without it.

    >>> error_bundle(ValueError("line 2: `R` is not defined."))["text/html"]
    '<div class="litecourse-error" role="alert" style="...">line 2: <code>R</code> is not defined.</div>'
"""

from __future__ import annotations

import html
import re

_BOX = "border:1px solid {c};border-left:6px solid {c};border-radius:4px;padding:0.5em 0.75em;margin:0.25em 0;"
_COLOURS = {
    "error": "#b00020",
    "correct": "#1b7f3b",
    "close": "#a15c00",
    "wrong": "#b00020",
    "balanced": "#1b7f3b",
    "unbalanced": "#b00020",
}


def _inline(text: str) -> str:
    """Escape text for HTML and show `backticked` parts as code."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def error_html(message: str) -> str:
    """A learner's error message as an alert box."""
    style = _BOX.format(c=_COLOURS["error"])
    return f'<div class="litecourse-error" role="alert" style="{style}">{_inline(message)}</div>'


def error_bundle(error: BaseException) -> dict:
    """text/plain + text/html for a learner-facing error (never a traceback)."""
    message = str(error)
    return {"text/plain": message, "text/html": error_html(message)}


def latex_bundle(latex: str, text: str) -> dict:
    """text/latex (typeset by the frontend's MathJax) with a plain-text twin."""
    return {"text/latex": latex, "text/plain": text}


def check_item_text(item) -> str:
    """One formula's verdict as a line of plain text."""
    mark = "✓" if getattr(item, "balanced", False) else "✗"
    return f"{mark} {item}"


def _check_item_html(item) -> str:
    balanced = getattr(item, "balanced", None)
    if balanced is None:  # an error about this line
        return f"<li>{error_html(str(item))}</li>"
    kind = "balanced" if balanced else "unbalanced"
    mark = "✓" if balanced else "✗"
    label = "balances" if balanced else "does not balance"
    style = _BOX.format(c=_COLOURS[kind])
    return (
        f'<li class="litecourse-check litecourse-check--{kind}" style="{style}">'
        f'<span aria-label="{label}">{mark}</span> {_inline(item.message)}</li>'
    )


def check_html(items) -> str:
    """Dimension-check verdicts (or errors) as a list, one item per formula."""
    rows = "".join(_check_item_html(item) for item in items)
    return (
        '<ul class="litecourse-checks" aria-label="Dimension checks" '
        f'style="list-style:none;padding-left:0;margin:0">{rows}</ul>'
    )


def verdict_html(kind: str, headline: str, feedback: str, answer_text: str = "",
                 reveal_text: str = "") -> str:
    """A check-your-answer verdict as a box; ``kind`` picks the colour."""
    colour = _COLOURS.get(kind, _COLOURS["wrong"])
    style = _BOX.format(c=colour)
    answer = f"<p>Your answer: {_inline(answer_text)}</p>" if answer_text else ""
    reveal = f"<p>{_inline(reveal_text)}</p>" if reveal_text else ""
    feedback = feedback[:1].upper() + feedback[1:]
    return (
        f'<div class="litecourse-verdict litecourse-verdict--{kind}" role="status" style="{style}">'
        f"<strong>{_inline(headline)}</strong><p>{_inline(feedback)}</p>{answer}{reveal}</div>"
    )
