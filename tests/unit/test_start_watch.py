"""Every app page of a built site loads the start watch first (build_tools/start_watch.py); its
behaviour in a browser is tested in tests/browser/test_engines.py (a stalled start)."""

from __future__ import annotations

from build_tools.start_watch import NAME, SOURCE, add_start_watch

APP_PAGE = (
    '<!DOCTYPE html>\n<html>\n<head>\n<title>Lab</title>\n<script id="jupyter-config-data">{}</script>\n</head></html>'
)


def site(tmp_path):
    for app in ("lab", "notebooks", "tree"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "index.html").write_text(APP_PAGE)
    (tmp_path / "index.html").write_text("<!doctype html><head><title>Home</title></head>")  # the course home page
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "index.html").write_text("<head><title>a course file</title></head>")
    return tmp_path


def test_every_app_page_loads_the_start_watch_before_its_own_scripts(tmp_path):
    out = site(tmp_path)
    changed = add_start_watch(out)
    assert sorted(p.parent.name for p in changed) == ["lab", "notebooks", "tree"]
    assert (out / NAME).read_bytes() == SOURCE.read_bytes()
    for app in ("lab", "notebooks", "tree"):
        html = (out / app / "index.html").read_text()
        assert html.index(f'src="../{NAME}?_=') < html.index('id="jupyter-config-data"')


def test_other_pages_are_left_alone_and_a_second_run_changes_nothing(tmp_path):
    out = site(tmp_path)
    add_start_watch(out)
    before = {p: p.read_text() for p in out.rglob("*.html")}
    assert add_start_watch(out) == []
    assert {p: p.read_text() for p in out.rglob("*.html")} == before
    assert NAME not in (out / "index.html").read_text()
    assert NAME not in (out / "files" / "index.html").read_text()
