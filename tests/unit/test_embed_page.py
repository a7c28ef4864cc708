"""The embed page (issue 6, part 5): notebooks in course order, titles, snippet addresses."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from build_tools import embed, paths
from build_tools.course import Course


def notebook(path, *cells):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": t,
                        "source": s,
                        "metadata": {},
                        **({"outputs": [], "execution_count": None} if t == "code" else {}),
                    }
                    for t, s in cells
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )


def test_notebooks_follow_the_course_outline_then_file_names(tmp_path):
    notebook(tmp_path / "b.ipynb", ("markdown", "# B"))
    notebook(tmp_path / "a.ipynb", ("markdown", "# A"))
    notebook(tmp_path / "week 2" / "z.ipynb", ("markdown", "# Z"))
    items = embed.collect(tmp_path, ("week 2/z.ipynb", "b.ipynb"))
    assert [i.path for i in items] == ["week 2/z.ipynb", "b.ipynb", "a.ipynb"]


def test_title_is_the_first_heading_without_markdown_marks_else_the_file_name(tmp_path):
    notebook(tmp_path / "loops.ipynb", ("markdown", "Some intro\n\n## `for` loops, **fast**"), ("markdown", "# Later"))
    notebook(tmp_path / "bare.ipynb", ("code", "x = 1"))
    titles = {i.path: i.title for i in embed.collect(tmp_path, ())}
    assert titles == {"loops.ipynb": "for loops, fast", "bare.ipynb": "bare"}


def test_repl_snippet_carries_the_first_code_cell_encoded():
    href = embed.repl_href('for i in range(3):\n    print(i, "&")')
    query = parse_qs(urlsplit(href).fragment)  # after '#': never sent to the web server
    assert urlsplit(href).path == "repl/index.html" and not urlsplit(href).query
    assert query["kernel"] == ["python"] and query["toolbar"] == ["1"]
    assert query["code"] == ['for i in range(3):\n    print(i, "&")']


def test_notebook_snippet_points_at_the_single_notebook_view():
    href = embed.notebook_href("week 2/z.ipynb")
    assert urlsplit(href).path == "notebooks/index.html"
    assert parse_qs(urlsplit(href).query)["path"] == ["week 2/z.ipynb"]


class Snippets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.boxes, self.labels, self.ids = [], set(), set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "label":
            self.labels.add(a.get("for"))
        if tag == "textarea" and "data-href" in a:
            self.boxes.append(a)


def test_page_lists_every_notebook_with_labelled_snippets_and_escapes_titles(tmp_path):
    notebook(tmp_path / "one.ipynb", ("markdown", "# <One> & only"), ("code", "print('hi')"))
    notebook(tmp_path / "two.ipynb", ("markdown", "# Two"))
    page = embed.render_page(Course("c", "My <course>", "1"), embed.collect(tmp_path, ("two.ipynb",)))
    assert "<One>" not in page and "&lt;One&gt; &amp; only" in page
    assert "My &lt;course&gt;" in page
    parser = Snippets()
    parser.feed(page)
    notebook_boxes = [b for b in parser.boxes if b["data-href"].startswith("notebooks/")]
    assert [b["data-href"] for b in notebook_boxes] == [
        embed.notebook_href("two.ipynb"),
        embed.notebook_href("one.ipynb"),
    ]
    repl = [
        b for b in parser.boxes if b["data-href"].startswith("repl/") and b["data-href"].endswith("print%28%27hi%27%29")
    ]
    assert len(repl) == 1
    assert all(b["id"] in parser.labels for b in parser.boxes), "every snippet box has a label"


def test_embed_files_are_written_into_the_site(tmp_path):
    notebook(tmp_path / "content" / "one.ipynb", ("markdown", "# One"))
    out = tmp_path / "out"
    out.mkdir()
    written = embed.write_embed_files(out, Course("c", "C", "1"), tmp_path / "content", paths.EMBED_ASSETS)
    assert sorted(written) == sorted(embed.embed_targets(out))
    assert all(p.is_file() for p in written)


def test_page_says_learners_press_run_for_a_console_s_code(tmp_path):
    notebook(tmp_path / "one.ipynb", ("markdown", "# One"), ("code", "print('hi')"))
    page = embed.render_page(Course("c", "C", "1"), embed.collect(tmp_path, ()))
    assert "Run this code" in page  # the button's name in src/repl-link.ts
    assert "runs when it opens" not in page and "runs the first code" not in page
