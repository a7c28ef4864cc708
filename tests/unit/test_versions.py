"""The notebook versions manifest a site ships (``build_tools/versions.py``): content, not dates."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.versions import MANIFEST, notebook_versions, write_versions  # noqa: E402


def _site(tmp_path, notebooks: dict[str, str]):
    """A built site's folder whose ``files/`` holds ``notebooks`` ({path: text})."""
    for path, text in notebooks.items():
        target = tmp_path / "files" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return tmp_path


def _written(site) -> dict:
    return json.loads((site / MANIFEST).read_text())["notebooks"]


def test_every_shipped_notebook_is_named_by_its_path_with_the_sha256_of_its_served_bytes(tmp_path):
    site = _site(tmp_path, {"welcome.ipynb": '{"cells": []}', "week1/loops.ipynb": '{"cells": [1]}'})
    write_versions(site)
    assert _written(site) == {
        path: hashlib.sha256((site / "files" / path).read_bytes()).hexdigest()
        for path in ("welcome.ipynb", "week1/loops.ipynb")
    }


def test_files_that_are_not_notebooks_and_hidden_checkpoints_are_left_out(tmp_path):
    site = _site(tmp_path, {"a.ipynb": "{}", "helper.py": "x = 1", "data.json": "{}",
                            ".ipynb_checkpoints/a-checkpoint.ipynb": "{}"})
    assert list(notebook_versions(site / "files")) == ["a.ipynb"]


def test_a_rebuild_with_new_file_dates_but_the_same_content_ships_the_same_versions(tmp_path):
    site = _site(tmp_path, {"welcome.ipynb": '{"cells": []}'})
    before = notebook_versions(site / "files")
    os.utime(site / "files" / "welcome.ipynb", (1, 1))  # a fresh checkout: new mtime, same bytes
    assert notebook_versions(site / "files") == before


def test_a_changed_notebook_gets_a_new_version_and_the_others_keep_theirs(tmp_path):
    site = _site(tmp_path, {"x.ipynb": '{"cells": []}', "y.ipynb": '{"cells": [2]}'})
    before = notebook_versions(site / "files")
    (site / "files" / "x.ipynb").write_text('{"cells": ["second edition"]}')
    after = notebook_versions(site / "files")
    assert after["x.ipynb"] != before["x.ipynb"]
    assert after["y.ipynb"] == before["y.ipynb"]


def test_a_site_without_notebooks_ships_an_empty_manifest(tmp_path):
    (tmp_path / "files").mkdir()
    assert json.loads(write_versions(tmp_path).read_text()) == {"notebooks": {}}
