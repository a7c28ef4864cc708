"""Displayable objects: a MIME bundle each, with plain-text and HTML fallbacks.

No IPython import is needed: Jupyter calls ``_repr_mimebundle_``. Every piece of
learner or author text is HTML-escaped here, at output time; the model and the
flowchart.js script keep labels as plain text.
"""

from __future__ import annotations

import html
import re

from .description import Description, describe_steps
from .dsl import emit_dsl
from .errors import CodechartsError
from .model import Flowchart

FLOWCHART_MIME = "application/vnd.litecourse.flowchart+json"
QUIZ_MIME = "application/vnd.litecourse.quiz+json"


def escape(text: str) -> str:
    """HTML-escape text, quotes included (safe in element content and attributes)."""
    return html.escape(text, quote=True)


def _with_code(text: str) -> str:
    """Escape a learner message, showing its `backticked` parts as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def description_html(description: Description) -> str:
    """A description as HTML: the summary, the steps as an ordered list, the notes."""
    parts = [f"<p>{escape(description.summary)}</p>"]
    if description.steps:
        items = "".join(f"<li>{escape(step)}</li>" for step in description.steps)
        parts.append(f"<ol>{items}</ol>")
    parts.extend(f"<p>{escape(note)}</p>" for note in description.notes)
    return "".join(parts)


def script_html(dsl: str) -> str:
    """The flowchart.js script, collapsed, for readers who want the source."""
    return (
        "<details><summary>flowchart.js script</summary>"
        f'<pre class="litecourse-dsl"><code>{escape(dsl)}</code></pre></details>'
    )


class FlowchartView:
    """One flowchart as a MIME bundle.

    ``data`` is the ``application/vnd.litecourse.flowchart+json`` payload:
    ``{"dsl": str, "description": str, "title": str}``.

    >>> from codecharts.dsl import parse_dsl
    >>> view = FlowchartView(parse_dsl("a=>start: go\\nb=>end: stop\\na->b"), "Tiny")
    >>> sorted(view.data)
    ['description', 'dsl', 'title']
    """

    def __init__(self, chart: Flowchart, title: str = "Flowchart"):
        self.chart = chart
        self.title = title
        self.dsl = emit_dsl(chart)
        self.parts = describe_steps(chart)
        self.description = self.parts.text

    @property
    def data(self) -> dict:
        return {"dsl": self.dsl, "description": self.description, "title": self.title}

    def _repr_html_fallback(self) -> str:
        return (
            f'<figure class="litecourse-flowchart-fallback" aria-label="{escape(self.title)}">'
            f"<figcaption><strong>{escape(self.title)}</strong></figcaption>"
            f"{description_html(self.parts)}{script_html(self.dsl)}</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            FLOWCHART_MIME: self.data,
            "text/plain": self.description,
            "text/html": self._repr_html_fallback(),
        }


def flowchart_view(chart: Flowchart, title: str = "Flowchart") -> FlowchartView:
    """Wrap ``chart`` for display (``display(flowchart_view(chart, "My chart"))``)."""
    return FlowchartView(chart, title)


class ScriptView:
    """A flowchart.js script shown as code (``%%flowchart --show-dsl``)."""

    def __init__(self, dsl: str):
        self.dsl = dsl

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/plain": self.dsl,
            "text/html": (
                '<figure class="litecourse-dsl-listing"><figcaption>flowchart.js script</figcaption>'
                f'<pre class="litecourse-dsl"><code>{escape(self.dsl)}</code></pre></figure>'
            ),
        }


class ErrorView:
    """A learner-facing error: the message, no traceback.

    >>> ErrorView("line 3: expected ':'")._repr_mimebundle_()["text/html"]
    '<div class="litecourse-error" role="alert">line 3: expected &#x27;:&#x27;</div>'
    """

    def __init__(self, error: CodechartsError | str):
        self.message = error.message if isinstance(error, CodechartsError) else str(error)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/plain": self.message,
            "text/html": (
                f'<div class="litecourse-error" role="alert">{_with_code(self.message)}</div>'
            ),
        }
