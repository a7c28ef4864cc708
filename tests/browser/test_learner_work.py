"""Learners never lose work (issue 6): the Course menu, storage per course, course updates.

Every test drives the real built site in offline Chromium. Files are set up through the
site's own contents manager (as the file browser would) or typed into a notebook, and the
Course menu is used as a learner uses it: from the menu bar, through its dialogs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, FIXTURE_TOML, SITE, serve_in_thread
from lab import notebook_json, open_notebook, set_cell_source

from build_tools.guide import GUIDE
from build_tools.site import build_site

pytestmark = pytest.mark.browser

CONTENTS = "window.jupyterapp.serviceManager.contents"


# ---------------------------------------------------------------- helpers


def open_files(page, base_url: str) -> None:
    """Open the file list (Notebook app tree) and wait for the app."""
    page.goto(f"{base_url}tree/index.html")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.serviceManager")
    page.get_by_role("menuitem", name="Course").wait_for()


def course_menu(page, item: str) -> None:
    """Click Course › ``item`` in the main menu bar."""
    page.get_by_role("menubar").get_by_role("menuitem", name="Course").click()
    page.locator("#litecourse-course-menu").get_by_role("menuitem", name=item).click()


def dialog(page):
    """The open JupyterLab dialog."""
    box = page.locator(".jp-Dialog")
    box.wait_for()
    return box


def press(page, button: str) -> None:
    """Press a button of the open dialog, and wait for that dialog to close."""
    box = dialog(page)
    title = box.locator(".jp-Dialog-header").inner_text()
    box.get_by_role("button", name=button, exact=True).click()
    page.locator(".jp-Dialog-header", has_text=title).wait_for(state="detached")


def save_file(page, path: str, model: dict) -> None:
    page.evaluate(f"([p, m]) => {CONTENTS}.save(p, m)", [path, model])


def make_folder(page, path: str) -> None:
    save_file(page, path, {"type": "directory", "format": "json", "content": None})


def learner_files(page) -> dict[str, bytes]:
    """Every file the learner sees, as bytes (notebooks as their JSON data, re-serialised)."""
    raw = page.evaluate(
        f"""async () => {{
            const out = {{}};
            const walk = async (dir) => {{
                const listing = await {CONTENTS}.get(dir, {{content: true}});
                for (const item of listing.content) {{
                    if (item.type === 'directory') {{ out[item.path + '/'] = null; await walk(item.path); continue; }}
                    const m = await {CONTENTS}.get(item.path, {{content: true}});
                    out[item.path] = [m.format, m.format === 'json' ? JSON.stringify(m.content) : m.content];
                }}
            }};
            await walk('');
            return out;
        }}"""
    )
    files = {}
    for path, value in raw.items():
        if value is None:
            files[path] = b""
            continue
        fmt, content = value
        if fmt == "base64":
            import base64

            files[path] = base64.b64decode(content)
        elif fmt == "json":
            files[path] = json.dumps(json.loads(content), sort_keys=True).encode()
        else:
            files[path] = content.encode()
    return files


def download_via_menu(page, tmp_path: Path, name: str = "Download all my work"):
    with page.expect_download() as info:
        course_menu(page, name)
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target


def zip_entries(path: Path) -> dict[str, bytes]:
    """The learner's files in a backup (its manifest, which dates the backup, is left out:
    test_hostile_restore.py checks it)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "litecourse-backup.json"}


def restore_via_menu(page, zip_path: Path) -> str:
    """Course › Restore work from a zip…, pick ``zip_path``; return the summary text (dialog closed)."""
    with page.expect_file_chooser() as chooser:
        course_menu(page, "Restore work from a zip…")
    chooser.value.set_files(str(zip_path))
    text = dialog(page).inner_text()
    press(page, "OK")
    return text


def shipped(name: str, site: Path = SITE) -> dict:
    return json.loads((site / "files" / name).read_text())


def save_notebook_edit(page, index: int, source: str) -> None:
    """Type ``source`` into cell ``index`` of the open notebook and save (Ctrl+S)."""
    set_cell_source(page, index, source)
    page.keyboard.press("Control+S")
    page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)


# ---------------------------------------------------------------- 1. the Course menu


def test_backup_clear_restore_gives_back_the_same_files_byte_for_byte(page, site_url, tmp_path):
    open_files(page, site_url)
    welcome = shipped("welcome.ipynb")
    welcome["cells"][2]["source"] = 'print("my answer")'
    make_folder(page, "notes")
    save_file(page, "notes/todo.txt", {"type": "file", "format": "text", "content": "café ☕ read chapter 2\n"})
    save_file(page, "data.bin", {"type": "file", "format": "base64", "content": "AAEC/f7/"})
    save_file(page, "mine.ipynb", {"type": "notebook", "format": "json", "content": {
        "cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}})
    save_file(page, "welcome.ipynb", {"type": "notebook", "format": "json", "content": welcome})
    before = learner_files(page)

    name, backup = download_via_menu(page, tmp_path)
    assert re.fullmatch(r"fixture-course-work-\d{4}-\d\d-\d\d\.zip", name)
    entries = zip_entries(backup)
    # only what the learner created or changed, with its folder; unchanged course files stay out
    assert set(entries) == {"notes/", "notes/todo.txt", "data.bin", "mine.ipynb", "welcome.ipynb"}
    assert entries["notes/todo.txt"] == "café ☕ read chapter 2\n".encode()
    assert entries["data.bin"] == bytes([0, 1, 2, 253, 254, 255])
    assert json.loads(entries["welcome.ipynb"])["cells"][2]["source"] == 'print("my answer")'

    # clear: asks twice, offers the download first (which gives the same zip)
    course_menu(page, "Clear all my work…")
    with page.expect_download() as offered:
        press(page, "Download my work first")
    assert zip_entries(Path(offered.value.path())) == entries
    assert "cannot be undone" in dialog(page).inner_text()
    press(page, "Clear all my work")
    press(page, "OK")
    cleared = learner_files(page)
    # the course's own files and folders, and the learners' guide every site ships
    shipped_paths = {p.relative_to(FIXTURE_CONTENT).as_posix() + ("/" if p.is_dir() else "")
                     for p in FIXTURE_CONTENT.rglob("*")}
    assert set(cleared) == shipped_paths | {GUIDE}
    assert json.loads(cleared["welcome.ipynb"]) == json.loads(json.dumps(shipped("welcome.ipynb"), sort_keys=True))

    summary = restore_via_menu(page, backup)
    assert "4 file(s) restored" in summary and "welcome.ipynb" in summary
    assert learner_files(page) == before
    _, again = download_via_menu(page, tmp_path / "again")
    assert zip_entries(again) == entries


def test_restore_never_overwrites_a_different_file_it_keeps_both(page, site_url, tmp_path):
    open_files(page, site_url)
    save_file(page, "plan.txt", {"type": "file", "format": "text", "content": "old plan\n"})
    save_file(page, "same.txt", {"type": "file", "format": "text", "content": "same\n"})
    backup = tmp_path / "backup.zip"
    with zipfile.ZipFile(backup, "w") as z:
        z.writestr("plan.txt", "new plan\n")
        z.writestr("same.txt", "same\n")
    summary = restore_via_menu(page, backup)
    files = learner_files(page)
    restored = [p for p in files if re.fullmatch(r"plan \(restored \d{4}-\d\d-\d\d\)\.txt", p)]
    assert len(restored) == 1, files.keys()
    assert files["plan.txt"] == b"old plan\n" and files[restored[0]] == b"new plan\n"
    assert "both are kept" in summary and "same.txt" in summary
    assert "same (restored" not in " ".join(files)


def test_reset_notebook_keeps_the_learners_version_as_a_dated_copy(page, site_url):
    open_notebook(page, site_url, "welcome.ipynb")
    course_source = notebook_json(page)["cells"][2]["source"]
    save_notebook_edit(page, 2, 'print("my own version")')

    course_menu(page, "Reset this notebook to the course version…")
    question = dialog(page).inner_text()
    copy = re.search(r"welcome \(my version \d{4}-\d\d-\d\d \d\d-\d\d\)\.ipynb", question)
    assert copy, question
    press(page, "Reset notebook")
    press(page, "OK")
    assert notebook_json(page)["cells"][2]["source"] == course_source
    kept = page.evaluate(f"p => {CONTENTS}.get(p, {{content: true}}).then(m => m.content)", copy.group(0))
    assert "".join(kept["cells"][2]["source"]) == 'print("my own version")'

    page.reload()
    open_notebook(page, site_url, "welcome.ipynb")
    assert notebook_json(page)["cells"][2]["source"] == course_source


@pytest.mark.parametrize("kind", ["not a zip", "a zip reaching outside the course"])
def test_a_bad_zip_is_refused_with_a_message_and_nothing_changes(page, site_url, tmp_path, kind):
    open_files(page, site_url)
    save_file(page, "notes.txt", {"type": "file", "format": "text", "content": "mine\n"})
    bad = tmp_path / "work.zip"
    if kind == "not a zip":
        bad.write_text("this is a text file called .zip\n")
    else:
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("fine.py", "print('fine')\n")
            z.writestr("../evil.py", "print('evil')\n")
    before = learner_files(page)
    summary = restore_via_menu(page, bad)
    assert "Nothing was restored" in summary
    if kind == "not a zip":
        assert "is not a zip file" in summary
    else:
        assert "outside the course" in summary and "../evil.py" in summary
    assert learner_files(page) == before


def test_restore_onto_a_full_storage_quota_writes_nothing(new_profile, site_url, tmp_path):
    learner = new_profile()
    page = learner.page()
    open_files(page, site_url)
    backup = tmp_path / "big.zip"
    with zipfile.ZipFile(backup, "w") as z:
        z.writestr("small.txt", "fits\n")
        for i in range(4):
            z.writestr(f"big/part{i}.bin", os.urandom(3_000_000))
    before = learner_files(page)
    cdp = learner.context.new_cdp_session(page)
    # 4 MB more than the origin already uses (whatever the course and its offline copy take)
    # holds the small file, not the 12 MB of big ones: the restore fails part-way
    used = page.evaluate("navigator.storage.estimate().then(e => e.usage)")
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": site_url.rstrip("/"), "quotaSize": used + 4_000_000})
    summary = restore_via_menu(page, backup)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": site_url.rstrip("/")})
    assert "storage is full" in summary and "Nothing was changed" in summary
    assert learner_files(page) == before


@pytest.mark.parametrize("app", ["lab/index.html", "notebooks/index.html?path=welcome.ipynb", "tree/index.html"])
def test_course_menu_is_in_every_app_and_works_from_the_keyboard(page, site_url, app):
    page.goto(f"{site_url}{app}")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.commands.hasCommand('litecourse:download-work')")
    page.evaluate("window.jupyterapp.restored")
    bar = page.get_by_role("menubar")
    # the Course item is a keyboard-focusable menu item whose menu opens with Enter
    course = bar.get_by_role("menuitem", name="Course")
    assert course.get_attribute("aria-haspopup") == "true"
    course.focus()
    page.keyboard.press("Enter")
    menu = page.locator("#litecourse-course-menu")
    menu.get_by_role("menu").wait_for()
    labels = [t.strip() for t in menu.get_by_role("menuitem").all_inner_texts()]
    assert labels == [
        "Download all my work",
        "Restore work from a zip…",
        "Reset this notebook to the course version…",
        "Clear all my work…",
    ]
    assert menu.locator(".lm-mod-active").inner_text().strip() == "Download all my work"
    page.keyboard.press("Enter")
    assert "Nothing to download yet" in dialog(page).inner_text()
    page.keyboard.press("Enter")
    page.locator(".jp-Dialog").wait_for(state="detached")


def test_course_commands_are_in_the_command_palette(page, site_url):
    page.goto(f"{site_url}lab/index.html")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.commands.hasCommand('litecourse:download-work')")
    page.evaluate("window.jupyterapp.restored")
    page.evaluate("window.jupyterapp.commands.execute('apputils:activate-command-palette')")
    # as a learner finds a command: type its words into the palette's search box (the palette
    # then lists it, however long the list and however busy the machine)
    search = page.locator(".lm-CommandPalette-input")
    search.wait_for(state="visible")
    palette = page.locator(".lm-CommandPalette-content")
    for command, words in (("download-work", "Download all my work"), ("restore-work", "Restore work"),
                           ("clear-work", "Clear all my work")):
        search.fill(words)
        item = palette.locator(f"[data-command='litecourse:{command}']")
        item.wait_for(state="visible")
        assert item.get_attribute("role") == "menuitem"


# ---------------------------------------------------------------- 2. storage per course


def _course_copy(tmp: Path, course_id: str) -> tuple[Path, Path]:
    """A copy of the test course (course.toml + content) with another id."""
    toml = FIXTURE_TOML.read_text()
    toml = re.sub(r'(?m)^id = ".*"$', f'id = "{course_id}"', toml, count=1)
    (tmp / "course.toml").write_text(toml)
    shutil.copytree(FIXTURE_CONTENT, tmp / "content")
    return tmp / "course.toml", tmp / "content"


@pytest.fixture(scope="module")
def two_courses(tmp_path_factory, built_site):
    """This course at /a/ and a copy with another id at /b/, on one origin."""
    tmp = tmp_path_factory.mktemp("two-courses")
    course, content = _course_copy(tmp, "another-course")
    build_site(course, content, tmp / "b-site")
    root = tmp / "root"
    root.mkdir()
    (root / "a").symlink_to(SITE)
    (root / "b").symlink_to(tmp / "b-site")
    url, server = serve_in_thread(root)
    yield url, tmp / "b-site"
    server.shutdown()


def test_two_courses_on_one_origin_keep_their_work_apart(new_profile, two_courses):
    url, b_site = two_courses
    config = json.loads((b_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    assert config["contentsStorageName"] == "litecourse-another-course-contents"
    page = new_profile().page()
    open_notebook(page, f"{url}a/", "welcome.ipynb")
    course_source = notebook_json(page)["cells"][2]["source"]
    save_notebook_edit(page, 2, 'print("edited in course a")')

    open_notebook(page, f"{url}b/", "welcome.ipynb")
    assert notebook_json(page)["cells"][2]["source"] == course_source
    open_notebook(page, f"{url}a/", "welcome.ipynb")
    assert notebook_json(page)["cells"][2]["source"] == 'print("edited in course a")'


# ---------------------------------------------------------------- 3. course updates


@pytest.fixture(scope="module")
def course_update(tmp_path_factory, second_edition):
    """This course served at /course/, and its second edition (welcome and two more notebooks
    changed, a lesson added). ``switch()`` swaps the served build, as publishing a new version does.
    """
    tmp = tmp_path_factory.mktemp("course-update")
    root = tmp / "root"
    root.mkdir()
    (root / "course").symlink_to(SITE)

    def switch():
        (root / "next").symlink_to(second_edition)
        os.replace(root / "next", root / "course")

    url, server = serve_in_thread(root)
    yield f"{url}course/", switch
    server.shutdown()


def test_course_update_keeps_the_learners_edit_and_brings_the_rest(page, course_update):
    url, publish_second_build = course_update
    open_notebook(page, url, "welcome.ipynb")
    save_notebook_edit(page, 2, 'print("my edit survives")')

    publish_second_build()
    page.reload()
    open_notebook(page, url, "welcome.ipynb")
    mine = notebook_json(page)
    assert mine["cells"][2]["source"] == 'print("my edit survives")'
    listing = page.evaluate(f"{CONTENTS}.get('', {{content: true}}).then(m => m.content.map(i => i.path))")
    assert "new-lesson.ipynb" in listing
    y = page.evaluate(f"{CONTENTS}.get('describing-code-in-words.ipynb', {{content: true}}).then(m => m.content)")
    assert "".join(y["cells"][0]["source"]) == "# Describing code (second edition)\n"

    course_menu(page, "Reset this notebook to the course version…")
    press(page, "Reset notebook")
    press(page, "OK")
    assert notebook_json(page)["cells"][0]["source"] == "# Welcome (second edition)\n"
