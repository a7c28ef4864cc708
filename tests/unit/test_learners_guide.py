"""The learners' guide belongs to the product: generated into every site with the course's facts."""

from __future__ import annotations

from datetime import date

import pytest

from build_tools.course import Course
from build_tools.errors import BuildError
from build_tools.guide import GUIDE, check_not_shadowed, guide_notebook, restore_cap_bytes
from build_tools.storage_limit import FILE_CAP_BYTES


def text_of(nb: dict) -> str:
    return "\n".join(cell["source"] for cell in nb["cells"])


def test_the_guide_names_the_course_its_storage_and_its_backup_file():
    text = text_of(guide_notebook(Course("econ-101", "Python for Economists", "1"), date(2027, 1, 5)))
    assert "“Python for Economists”" in text
    assert "`litecourse-econ-101-contents`" in text
    assert "`econ-101-work-2027-01-05.zip`" in text


def test_the_guide_states_the_limits_the_site_enforces():
    text = text_of(guide_notebook(Course("c", "C", "1")))
    assert f"at most {FILE_CAP_BYTES // 1_000_000} MB" in text
    assert f"over {restore_cap_bytes() // 1_000_000} MB unpacked" in text
    assert "$" not in text  # every placeholder filled


def test_the_guide_is_markdown_only_and_read_only():
    nb = guide_notebook(Course("c", "C", "1"))
    assert {c["cell_type"] for c in nb["cells"]} == {"markdown"}
    assert all(c["metadata"]["editable"] is False for c in nb["cells"])
    assert len(nb["cells"]) >= 8


def test_a_course_file_with_the_guides_name_stops_the_build(tmp_path):
    (tmp_path / GUIDE).write_text("{}")
    with pytest.raises(BuildError, match="every site gets its learners' guide under this name"):
        check_not_shadowed(tmp_path)
