"""Python code as highlighted HTML, with the standard library's tokenizer only.

The classes are Pygments' short names (``k``, ``c1``, ``s2`` ...), which JupyterLab's and
nbconvert's stylesheets colour inside ``<div class="highlight">``.
"""

from __future__ import annotations

import html
import io
import keyword
import tokenize

_CONSTANTS = {"True", "False", "None"}


def _css_class(token: tokenize.TokenInfo, previous: str) -> str | None:
    kind, text = token.type, token.string
    if kind == tokenize.COMMENT:
        return "c1"
    if kind == tokenize.STRING or kind in _FSTRING_TOKENS:
        return "s2"
    if kind == tokenize.NUMBER:
        return "mi"
    if kind == tokenize.OP:
        return "o"
    if kind == tokenize.NAME:
        if text in _CONSTANTS:
            return "kc"
        if keyword.iskeyword(text) or keyword.issoftkeyword(text):
            return "k"
        if previous == "def":
            return "nf"
        if previous == "class":
            return "nc"
    return None


# f-string / t-string pieces are separate tokens on Python 3.12+ (names differ by version).
_FSTRING_TOKENS = {getattr(tokenize, name) for name in (
    "FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END",
    "TSTRING_START", "TSTRING_MIDDLE", "TSTRING_END") if hasattr(tokenize, name)}


def _to_offset(code: str) -> list[int]:
    starts = [0]
    for line in io.StringIO(code):
        starts.append(starts[-1] + len(line))
    return starts


def highlight_html(code: str) -> str:
    """``<div class="highlight"><pre>`` with coloured spans; plain escaped text if it cannot tokenize.

    >>> print(highlight_html("x = 1  # one").replace("</span>", "</span>\\n"))
    <div class="highlight"><pre>x <span class="o">=</span>
     <span class="mi">1</span>
      <span class="c1"># one</span>
    </pre></div>
    """
    pieces: list[str] = []
    try:
        starts = _to_offset(code)
        position = 0
        previous = ""
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT):
                continue
            begin = starts[token.start[0] - 1] + token.start[1]
            end = starts[token.end[0] - 1] + token.end[1]
            if begin < position:
                continue
            pieces.append(html.escape(code[position:begin]))
            text = html.escape(code[begin:end])
            css = _css_class(token, previous)
            pieces.append(f'<span class="{css}">{text}</span>' if css and text else text)
            position = end
            if token.type == tokenize.NAME:
                previous = token.string
            elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                previous = ""
        pieces.append(html.escape(code[position:]))
    except (tokenize.TokenError, SyntaxError, IndexError):
        pieces = [html.escape(code)]
    return '<div class="highlight"><pre>' + "".join(pieces) + "</pre></div>"
