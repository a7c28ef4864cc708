"""The description model: sentences tied to lines, the plain text, structured items."""

from __future__ import annotations

from dataclasses import dataclass, field

MIME_TYPE = "application/vnd.litecourse.description+json"


@dataclass(frozen=True)
class Sentence:
    """One sentence about the code, tied to the line it describes (``None``: the whole cell).

    ``depth`` is how deeply the line is nested in blocks, for indenting the detailed text.
    """

    line: int | None
    text: str
    depth: int = 0

    def to_dict(self) -> dict:
        return {"line": self.line, "text": self.text}


@dataclass
class Description:
    """What :func:`codeprose.describe` returns.

    >>> d = Description(sentences=[Sentence(1, "x is set to 1.")], level="brief")
    >>> d.text
    'x is set to 1.'
    """

    sentences: list[Sentence]
    level: str
    items: list[dict] = field(default_factory=list)
    # Internal errors caught while phrasing (the sentence fell back to quoting the code).
    # Empty for every input the robustness bench has seen; kept so a bench can count them.
    internal_errors: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Brief: one paragraph. Detailed: one line per sentence, "Line N: ...", indented by depth."""
        if self.level == "brief":
            return " ".join(s.text for s in self.sentences)
        lines = []
        for s in self.sentences:
            where = f"Line {s.line}: " if s.line is not None else ""
            if s.text.startswith(f"Line {s.line} "):  # a fallback sentence names its line
                where = ""
            lines.append("  " * s.depth + where + s.text)
        return "\n".join(lines)

    def to_mime(self, speak: bool | None = None) -> dict:
        """The JSON for ``application/vnd.litecourse.description+json``.

        >>> Description([Sentence(2, "It returns x.")], "detailed").to_mime()
        {'text': 'Line 2: It returns x.', 'sentences': [{'line': 2, 'text': 'It returns x.'}], 'level': 'detailed'}
        """
        data = {"text": self.text, "sentences": [s.to_dict() for s in self.sentences],
                "level": self.level}
        if speak is not None:  # the magic always says whether to read it aloud
            data["speak"] = bool(speak)
        return data

    def __str__(self) -> str:
        return self.text
