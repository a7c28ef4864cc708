"""The course home page's pure parts: titles, summaries, course order, the HTML (issue 8)."""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.course import Course, load_course  # noqa: E402
from build_tools.errors import BuildError  # noqa: E402
from build_tools.homepage import (  # noqa: E402
    Entry,
    course_order,
    read_entries,
    read_parts,
    render,
    shipped_dates,
    title_and_summary,
    write_home,
)


def md(*sources: str) -> dict:
    return {"cells": [{"cell_type": "markdown", "source": s} for s in sources]}


def test_title_is_the_first_heading_and_summary_the_first_paragraph():
    nb = md("# Loops and *repeats*\n\nA loop runs the same code **again**.\nAnd again.\n\nMore later.")
    assert title_and_summary(nb, "x") == ("Loops and repeats", "A loop runs the same code again. And again.")


def test_title_and_summary_may_come_from_different_cells_and_code_cells_are_skipped():
    nb = md("## Functions ##", "")
    nb["cells"].insert(1, {"cell_type": "code", "source": "# not a heading\nprint(1)"})
    nb["cells"].append({"cell_type": "markdown", "source": ["Name a piece of ", "[work](a.ipynb)."]})
    assert title_and_summary(nb, "x") == ("Functions", "Name a piece of work.")


def test_code_fences_and_tables_are_not_summaries():
    nb = md("# T\n\n```python\nx = 1\n```\n\n| a | b |\n|---|---|\n\n- Lists count as prose: *yes*")
    assert title_and_summary(nb, "x") == ("T", "Lists count as prose: yes")


def test_a_setext_title_is_the_title_not_a_later_heading():
    nb = md("Reading code\n============\n\nStart here.\n\n## Part one")
    assert title_and_summary(nb, "x") == ("Reading code", "Start here.")


def test_inline_markup_and_html_are_stripped_from_titles_and_summaries():
    nb = md("# The `for` loop, <em>again</em> ~~not~~ ![a chart](c.png)\n\n"
            "> Quoted **prose** with a [link](https://example.org) and a hard  \nbreak")
    assert title_and_summary(nb, "x") == (
        "The for loop, again not a chart",
        "Quoted prose with a link and a hard break",
    )


def test_a_hash_line_inside_a_fence_or_html_block_is_not_a_heading():
    nb = md("```\n# not a title\n```\n\n<div>\n# nor this\n</div>\n\n# Real title\n\nA `#` in prose.")
    assert title_and_summary(nb, "x") == ("Real title", "A # in prose.")


def test_a_front_matter_cell_above_the_title_is_not_the_summary():
    nb = md("*This notebook contains an excerpt from the Python Data Science Handbook; the text is "
            "released under CC-BY-NC-ND.*", "<!--NAVIGATION-->\n< [Prev](a.ipynb) | [Next](b.ipynb) >",
            "# 1. Introduction\n\nWhat this chapter covers.")
    assert title_and_summary(nb, "x") == ("1. Introduction", "What this chapter covers.")


def test_a_title_with_its_own_number_gets_no_second_number_on_the_home_page():
    course = Course("c", "C", "1")
    page = render(course, [("", [Entry("a.ipynb", "1. Introduction", ""), Entry("b.ipynb", "Loops", "")])],
                  guide=None)
    assert '<h3 class="own-number"><a href="notebooks/index.html?path=a.ipynb">1. Introduction</a>' in page
    assert '<h3><a href="notebooks/index.html?path=b.ipynb">Loops</a>' in page
    assert ".own-number::before{content:none}" in page


def test_a_notebook_without_heading_is_titled_from_its_file_name():
    entries = read_entries(_content({"first_steps.ipynb": md("Just prose.")}), Course("c", "C", "1"))
    assert [(e.title, e.summary) for e in entries] == [("First steps", "Just prose.")]


def test_the_outline_sets_the_order():
    assert course_order(["b.ipynb", "a/c.ipynb"], ["a/c.ipynb", "b.ipynb"]) == ["b.ipynb", "a/c.ipynb"]


def test_without_an_outline_notebooks_come_in_filename_order_and_the_guide_is_not_a_lesson(tmp_path):
    content = _content(
        {
            "b.ipynb": md("# B"),
            "a.ipynb": md("# A"),
            "unit/c.ipynb": md("# C"),
            "your-work.ipynb": md("# Guide"),
            ".hidden/x.ipynb": md("# X"),
        }
    )
    assert [e.path for e in read_entries(content, Course("c", "C", "1"))] == ["a.ipynb", "b.ipynb", "unit/c.ipynb"]


def test_notebooks_left_out_of_the_outline_come_after_it_with_a_build_warning(tmp_path):
    content = _content({"a.ipynb": md("# A"), "b.ipynb": md("# B"), "extra.ipynb": md("# Extra")})
    warnings: list[str] = []
    parts = read_parts(content, Course("c", "C", "1", outline=("b.ipynb", "a.ipynb")), warn=warnings.append)
    assert [(t, [e.path for e in es]) for t, es in parts] == [
        ("", ["b.ipynb", "a.ipynb"]),
        ("More notebooks", ["extra.ipynb"]),
    ]
    assert warnings == [
        'warning: content/extra.ipynb is not in course.toml\'s [outline]; the home page lists it under "More notebooks"'
    ]


def test_outline_sections_group_the_home_page_under_their_titles(tmp_path):
    toml = tmp_path / "course.toml"
    toml.write_text(
        '[course]\nid = "c"\ntitle = "C"\nversion = "1"\n[outline]\nnotebooks = ["start.ipynb"]\n'
        '[[outline.section]]\ntitle = "Week 1: Loops"\nnotebooks = ["w1/loops.ipynb"]\n'
        '[[outline.section]]\ntitle = "Week 2"\nnotebooks = ["w2/funcs.ipynb"]\n'
    )
    course = load_course(toml)
    content = _content({"start.ipynb": md("# Start"), "w1/loops.ipynb": md("# Loops"), "w2/funcs.ipynb": md("# Funcs")})
    parts = read_parts(content, course, warn=pytest.fail)
    assert [(t, [e.title for e in es]) for t, es in parts] == [
        ("", ["Start"]),
        ("Week 1: Loops", ["Loops"]),
        ("Week 2", ["Funcs"]),
    ]
    page = Links()
    page.feed(render(course, parts, guide=None))
    text = " ".join(" ".join(page.text).split())
    assert (
        text.index("Start")
        < text.index("Week 1: Loops")
        < text.index("Loops", text.index("Week 1: Loops") + 14)
        < text.index("Week 2")
    )


def test_each_mistake_in_an_outline_section_is_named_in_one_line(tmp_path):
    toml = tmp_path / "course.toml"
    toml.write_text('[course]\nid = "c"\ntitle = "C"\nversion = "1"\n[[outline.section]]\ntitel = "W"\n')
    with pytest.raises(BuildError) as caught:
        load_course(toml)
    assert str(caught.value).splitlines() == [
        f"{toml}: [[outline.section]] number 1: unknown key 'titel' (did you mean 'title'?)",
        f"{toml}: [[outline.section]] number 1 needs 'title'",
        f"{toml}: [[outline.section]] number 1 needs 'notebooks'",
    ]


def test_a_notebook_named_twice_in_the_outline_is_refused_in_one_line(tmp_path):
    toml = tmp_path / "course.toml"
    toml.write_text('[course]\nid = "c"\ntitle = "C"\nversion = "1"\n[outline]\nnotebooks = ["a.ipynb"]\n'
                    '[[outline.section]]\ntitle = "Week 1"\nnotebooks = ["b.ipynb", "a.ipynb"]\n')
    with pytest.raises(BuildError) as caught:
        load_course(toml)
    assert str(caught.value).splitlines() == [
        f"{toml}: [outline] 'a.ipynb' is named twice: in [outline] notebooks and in section 'Week 1'; name it once",
    ]


def test_an_outline_naming_a_missing_notebook_fails_the_build_by_name():
    with pytest.raises(BuildError, match="'gone.ipynb'"):
        course_order(["a.ipynb", "gone.ipynb"], ["a.ipynb"])


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_page_lists_every_notebook_with_link_title_and_summary_and_escapes_text():
    course = Course("demo", "Code & <you>", "2", introduction="Read code.")
    page = render(course, [("", [Entry("a b.ipynb", "A <b>", "Sum & more."), Entry("x.ipynb", "X", "")])], guide=None)
    parsed = Links()
    parsed.feed(page)
    text = " ".join(" ".join(parsed.text).split())
    assert "notebooks/index.html?path=a%20b.ipynb" in parsed.hrefs
    assert "notebooks/index.html?path=x.ipynb" in parsed.hrefs
    assert "lab/index.html" in parsed.hrefs
    assert text.index("A <b>") < text.index("Sum & more.") < text.index("X")
    assert "Code & <you>" in text and "Read code." in text
    assert 'content="litecourse-demo-contents"' in page


def test_page_keeps_the_config_block_jupyterlite_pages_read_from_the_root_index():
    page = render(Course("demo", "Demo", "1"), [], guide=None)

    class Config(HTMLParser):
        found = None

        def handle_starttag(self, tag, attrs):
            self.inside = tag == "script" and dict(attrs).get("id") == "jupyter-config-data"
            if self.inside:
                self.root = dict(attrs).get("data-jupyter-lite-root")

        def handle_endtag(self, tag):
            self.inside = False

        def handle_data(self, data):
            if getattr(self, "inside", False):
                self.found = json.loads(data)

    parsed = Config()
    parsed.feed(page)
    assert parsed.found == {} and parsed.root == "."
    assert "config-utils.js" not in page, "the home page must not redirect to the lab"


def test_guide_is_linked_only_when_the_course_ships_it_and_backup_says_where_it_is():
    course = Course("demo", "Demo", "1")
    with_guide, without = render(course, [], guide="your-work.ipynb"), render(course, [], guide=None)
    assert "notebooks/index.html?path=your-work.ipynb" in with_guide
    assert "your-work.ipynb" not in without
    assert "Download all my work" in without and "<strong>Course</strong> menu" in without


def test_shipped_dates_come_from_jupyterlite_listings_and_the_page_replaces_the_redirect(tmp_path):
    content = _content({"a.ipynb": md("# A", "Alpha."), "unit/b.ipynb": md("# B")})
    out = tmp_path / "out"
    (out / "api/contents/unit").mkdir(parents=True)
    (out / "api/contents/all.json").write_text(
        json.dumps({"content": [{"path": "a.ipynb", "last_modified": "2026-01-02T03:04:05Z"}]})
    )
    (out / "api/contents/unit/all.json").write_text(
        json.dumps({"content": [{"path": "unit/b.ipynb", "last_modified": "2026-02-02T00:00:00Z"}]})
    )
    assert shipped_dates(out, ["a.ipynb", "unit/b.ipynb", "c.ipynb"]) == {
        "a.ipynb": "2026-01-02T03:04:05Z",
        "unit/b.ipynb": "2026-02-02T00:00:00Z",
    }
    (out / "index.html").write_text('<meta http-equiv="refresh" content="0; url=lab/">')
    script = tmp_path / "home.js"
    script.write_text("/* js */")
    page = write_home(out, content, Course("c", "C", "1"), script).read_text()
    assert 'data-shipped="2026-01-02T03:04:05Z"' in page and "refresh" not in page
    assert (out / "home.js").read_text() == "/* js */"


def _content(files: dict[str, dict]) -> Path:
    import tempfile

    root = Path(tempfile.mkdtemp())
    for name, nb in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(json.dumps(nb))
    return root
