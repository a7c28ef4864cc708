"""Self-check quizzes: "which flowchart matches this code?" and the other way round.

Wrong answers come from real mutations of the code (:mod:`codecharts.mutations`);
each must draw a flowchart different from the right one and from the other wrong
answers. Every option carries its own feedback, so the frontend checks answers
without the kernel.

The ``application/vnd.litecourse.quiz+json`` payload::

    which_flowchart: {"kind": "which_flowchart", "title", "prompt", "code",
                      "options": [{"id", "dsl", "description", "correct", "feedback"}]}
    which_code:      {"kind": "which_code", "title", "prompt",
                      "flowchart": {"dsl", "description"},
                      "options": [{"id", "code", "correct", "feedback"}]}

Exactly one option has ``"correct": true``; ids are "a", "b", "c", ... in display order.
"""

from __future__ import annotations

import ast
import random
import string
from dataclasses import dataclass

from .description import Description, describe_steps
from .display import QUIZ_MIME, ErrorView, description_html, escape, script_html
from .dsl import emit_dsl
from .errors import CodechartsError, QuizError
from .from_code import flowchart_from_code
from .model import Flowchart
from .mutations import PRIMARY_KINDS, Mutation, mutations
from .source import parse_code

MIN_OPTIONS = 2
MAX_OPTIONS = 6


@dataclass(frozen=True)
class _Candidate:
    code: str
    chart: Flowchart
    mutation: Mutation | None  # None for the right answer


def _check_options(options: int) -> None:
    if not isinstance(options, int) or isinstance(options, bool) or not (
        MIN_OPTIONS <= options <= MAX_OPTIONS
    ):
        raise QuizError(
            f"A quiz needs between {MIN_OPTIONS} and {MAX_OPTIONS} options; got {options!r}."
        )


def _distractors(
    code: str, right: Flowchart, wanted: int, rng: random.Random, function: str | None
) -> list[_Candidate]:
    """Pick ``wanted`` mutations whose charts differ from ``right`` and from each other."""
    pool = mutations(code)
    rng.shuffle(pool)
    # Learners' classic mistakes first; within them, one of each kind before any repeats.
    pool.sort(key=lambda m: m.kind not in PRIMARY_KINDS)
    chosen: list[_Candidate] = []
    charts = [right]
    kinds_used: set[str] = set()
    failed: set[int] = set()
    for second_pass in (False, True):
        for index, mutation in enumerate(pool):
            if len(chosen) == wanted:
                return chosen
            if index in failed or any(c.mutation is mutation for c in chosen):
                continue
            if not second_pass and mutation.kind in kinds_used:
                continue
            try:
                chart = flowchart_from_code(mutation.code, function=function)
            except CodechartsError:
                failed.add(index)
                continue
            if chart in charts:
                failed.add(index)  # draws the same chart: no use as a wrong answer
                continue
            chosen.append(_Candidate(mutation.code, chart, mutation))
            charts.append(chart)
            kinds_used.add(mutation.kind)
    if len(chosen) < wanted:
        found = len(chosen)
        if found:
            message = (
                f"This code gives only {found} wrong flowchart{'s' if found > 1 else ''} "
                f"different from the right one, but {wanted + 1} options need {wanted}. "
                f"Ask for {found + 1} options, or use code with more decisions, loops or steps."
            )
        else:
            message = (
                "This code gives no wrong flowchart different from the right one, so no quiz "
                "can be made from it. Use code with a decision (if), a loop or a few steps."
            )
        if function is None and "def " in code:
            message += (
                " A function's body is one box in the chart of the whole code: "
                "to quiz on the body, name the function (function=\"name\")."
            )
        raise QuizError(message)
    return chosen


def _right(code: str, function: str | None) -> tuple[str, Flowchart]:
    tree = parse_code(code)
    return ast.unparse(tree), flowchart_from_code(code, function=function)


class Quiz:
    """A quiz, displayable in Jupyter; ``data`` is the quiz+json payload."""

    def __init__(self, data: dict, descriptions: dict[str, Description]):
        self.data = data
        self._descriptions = descriptions  # key: "flowchart" or option id

    @property
    def answer(self) -> str:
        """The id of the right option."""
        return next(option["id"] for option in self.data["options"] if option["correct"])

    def _text(self) -> str:
        data = self.data
        lines = [data["title"], "", data["prompt"], ""]
        if data["kind"] == "which_flowchart":
            lines += [data["code"], ""]
            for option in data["options"]:
                lines += [f"Option {option['id']}:", option["description"], ""]
        else:
            lines += [data["flowchart"]["description"], ""]
            for option in data["options"]:
                lines += [f"Option {option['id']}:", option["code"], ""]
        lines.append("Answers (read after choosing):")
        lines += [f"{option['id']}: {option['feedback']}" for option in data["options"]]
        return "\n".join(lines)

    def _html(self) -> str:
        data = self.data
        parts = [
            f'<section class="litecourse-quiz-fallback" aria-label="{escape(data["title"])}">',
            f"<h3>{escape(data['title'])}</h3><p>{escape(data['prompt'])}</p>",
        ]
        if data["kind"] == "which_flowchart":
            parts.append(f"<pre><code>{escape(data['code'])}</code></pre>")
        else:
            parts.append(description_html(self._descriptions["flowchart"]))
            parts.append(script_html(data["flowchart"]["dsl"]))
        parts.append('<ol type="a">')
        for option in data["options"]:
            parts.append(f"<li><p><strong>Option {escape(option['id'])}</strong></p>")
            if data["kind"] == "which_flowchart":
                parts.append(description_html(self._descriptions[option["id"]]))
                parts.append(script_html(option["dsl"]))
            else:
                parts.append(f"<pre><code>{escape(option['code'])}</code></pre>")
            parts.append(
                f"<details><summary>Check option {escape(option['id'])}</summary>"
                f"<p>{escape(option['feedback'])}</p></details></li>"
            )
        parts.append("</ol></section>")
        return "".join(parts)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {QUIZ_MIME: self.data, "text/plain": self._text(), "text/html": self._html()}


def _shuffled_candidates(
    code: str, options: int, seed: int | None, function: str | None, *, reprinted: bool
) -> tuple[Flowchart, list[_Candidate]]:
    """The right chart, and the right answer among its distractors in a seeded random order.

    ``reprinted`` shows the right answer's code as ``ast.unparse`` prints it, like the
    distractors, so layout gives nothing away.
    """
    _check_options(options)
    rng = random.Random(seed)
    normalised, right = _right(code, function)
    candidates = [_Candidate(normalised if reprinted else code, right, None)] + _distractors(
        code, right, options - 1, rng, function
    )
    rng.shuffle(candidates)
    return right, candidates


def make_which_flowchart(
    code: str,
    options: int = 3,
    seed: int | None = None,
    title: str | None = None,
    function: str | None = None,
) -> Quiz:
    """Build a "which flowchart matches this code?" quiz; raise on bad input.

    ``function`` names a function to draw instead of the whole code (its body is
    otherwise one box). ``seed`` makes the wrong answers and their order repeatable.

    >>> quiz = make_which_flowchart("for i in range(3):\\n    print(i)\\nprint('done')", seed=1)
    >>> len(quiz.data["options"]), sum(o["correct"] for o in quiz.data["options"])
    (3, 1)
    """
    right, candidates = _shuffled_candidates(code, options, seed, function, reprinted=False)
    descriptions: dict[str, Description] = {}
    rendered = []
    for letter, candidate in zip(string.ascii_lowercase, candidates):
        parts = describe_steps(candidate.chart)
        descriptions[letter] = parts
        rendered.append({
            "id": letter,
            "dsl": emit_dsl(candidate.chart),
            "description": parts.text,
            "correct": candidate.mutation is None,
            "feedback": (
                "Right: this flowchart matches the code."
                if candidate.mutation is None
                else f"Not this one: in this flowchart, {candidate.mutation.change}."
            ),
        })
    data = {
        "kind": "which_flowchart",
        "title": title or "Which flowchart matches the code?",
        "prompt": "Which flowchart matches this code?",
        "code": code.strip("\n"),
        "options": rendered,
    }
    return Quiz(data, descriptions)


def make_which_code(
    code: str,
    options: int = 3,
    seed: int | None = None,
    title: str | None = None,
    function: str | None = None,
) -> Quiz:
    """Build a "which code matches this flowchart?" quiz; raise on bad input.

    All snippets, the right one too, are shown as Python re-prints them
    (``ast.unparse``), so layout and comments give nothing away.

    >>> quiz = make_which_code("total = 0\\nfor i in range(3):\\n    total += i\\nprint(total)", seed=2)
    >>> [o["id"] for o in quiz.data["options"]]
    ['a', 'b', 'c']
    """
    right, candidates = _shuffled_candidates(code, options, seed, function, reprinted=True)
    parts = describe_steps(right)
    rendered = []
    for letter, candidate in zip(string.ascii_lowercase, candidates):
        rendered.append({
            "id": letter,
            "code": candidate.code,
            "correct": candidate.mutation is None,
            "feedback": (
                "Right: this code matches the flowchart."
                if candidate.mutation is None
                else f"Not this one: in this code, {candidate.mutation.change}."
            ),
        })
    data = {
        "kind": "which_code",
        "title": title or "Which code matches the flowchart?",
        "prompt": "Which code matches this flowchart?",
        "flowchart": {"dsl": emit_dsl(right), "description": parts.text},
        "options": rendered,
    }
    return Quiz(data, {"flowchart": parts})


def which_flowchart(
    code: str,
    options: int = 3,
    seed: int | None = None,
    title: str | None = None,
    function: str | None = None,
) -> Quiz | ErrorView:
    """Show ``code`` and ``options`` flowcharts, one right (the notebook-facing form).

    Put it last in a cell to display it. Bad input gives a displayable message
    instead of a traceback; use :func:`make_which_flowchart` to get exceptions.
    """
    try:
        return make_which_flowchart(code, options, seed, title, function)
    except CodechartsError as error:
        return ErrorView(error)


def which_code(
    code: str,
    options: int = 3,
    seed: int | None = None,
    title: str | None = None,
    function: str | None = None,
) -> Quiz | ErrorView:
    """Show the flowchart of ``code`` and ``options`` snippets, one right.

    Bad input gives a displayable message instead of a traceback; use
    :func:`make_which_code` to get exceptions.
    """
    try:
        return make_which_code(code, options, seed, title, function)
    except CodechartsError as error:
        return ErrorView(error)
