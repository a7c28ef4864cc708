"""Restoring a zip is safe against other courses, zip bombs and odd names; storage limits are explained.

Every hostile case found against the built site is kept here, driven as a learner drives it:
Course › Restore work from a zip… with a file chooser and dialogs, notebooks saved with
Ctrl+S, Python run in a cell. Storage limits use Chromium's per-origin quota override (as
test_learner_work.py's full-quota restore does).
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from lab import cell_text_outputs, new_notebook, notebook_json, run_cell, set_cell_source, wait_for_kernel
from test_learner_work import (
    CONTENTS,
    course_menu,
    dialog,
    download_via_menu,
    learner_files,
    open_files,
    press,
    save_file,
    shipped,
)

pytestmark = pytest.mark.browser

MANIFEST = "litecourse-backup.json"


def pick_zip(page, zip_path: Path) -> None:
    """Course › Restore work from a zip…, choose ``zip_path`` (dialogs are left open)."""
    with page.expect_file_chooser() as chooser:
        course_menu(page, "Restore work from a zip…")
    chooser.value.set_files(str(zip_path))


def another_courses_backup(path: Path, with_manifest: bool) -> Path:
    """A backup of the course "another-course" holding its own welcome.ipynb and a note."""
    theirs = shipped("welcome.ipynb")
    theirs["cells"][0]["source"] = "# Welcome to ANOTHER course\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("welcome.ipynb", json.dumps(theirs))
        z.writestr("notes/todo.txt", "their note\n")
        if with_manifest:
            z.writestr(MANIFEST, json.dumps({"format": "litecourse-backup", "courseId": "another-course",
                                             "title": "Another Course", "version": "1",
                                             "created": "2026-11-20T10:00:00Z"}))
    return path


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """About 1 MB of zip that unpacks to 1 GB of zeros."""
    path = tmp_path_factory.mktemp("bomb") / "fixture-course-work-2026-11-20.zip"
    chunk = bytes(1_000_000)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("zeros.bin", "w") as f:
            for _ in range(1000):
                f.write(chunk)
    assert path.stat().st_size < 1_500_000
    return path


def stored_text(page, path: str) -> str:
    """The text stored at ``path`` (read on its own: a listing kept in a JS object drops ``__proto__``)."""
    return page.evaluate(f"p => {CONTENTS}.get(p, {{content: true}}).then(m => m.content)", path)


def limit_storage(learner, page, site_url: str, quota: int) -> None:
    """Give the site ``quota`` bytes of storage; call before the site is opened.

    Chromium applies its per-origin quota override only to a site that has not written to
    its storage yet, and the override does not change what ``navigator.storage.estimate()``
    reports; so the page's estimate is made to report the same quota, as a browser that is
    really that full does.
    """
    cdp = learner.context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": site_url.rstrip("/"), "quotaSize": quota})
    page.add_init_script(
        f"""(() => {{
            const real = StorageManager.prototype.estimate;
            StorageManager.prototype.estimate = async function () {{
                return {{...(await real.call(this)), quota: {int(quota)}}};
            }};
        }})();"""
    )


# ---------------------------------------------------------------- another course


def test_every_backup_names_its_course_in_a_manifest(page, site_url, tmp_path):
    open_files(page, site_url)
    save_file(page, "notes.txt", {"type": "file", "format": "text", "content": "mine\n"})
    _, backup = download_via_menu(page, tmp_path)
    with zipfile.ZipFile(backup) as z:
        manifest = json.loads(z.read(MANIFEST))
    assert manifest["format"] == "litecourse-backup"
    assert manifest["courseId"] == "fixture-course"
    assert manifest["title"] == "Fixture Course"
    assert manifest["version"] == "1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", manifest["created"])
    # restoring it here: the manifest is read, not restored as a file
    before = learner_files(page)
    pick_zip(page, backup)
    summary = dialog(page).inner_text()
    press(page, "OK")
    assert "1 already here unchanged" in summary.replace("file(s)", "")
    assert learner_files(page) == before


@pytest.mark.parametrize("known_by", ["manifest", "zip name"])
def test_a_backup_of_another_course_goes_into_its_own_folder_never_over_this_courses_notebooks(
        page, site_url, tmp_path, known_by):
    open_files(page, site_url)
    name = "backup.zip" if known_by == "manifest" else "another-course-work-2026-11-20.zip"
    backup = another_courses_backup(tmp_path / name, with_manifest=known_by == "manifest")
    before = learner_files(page)
    pick_zip(page, backup)
    question = dialog(page).inner_text()
    assert "This backup is from another course" in question and "another-course" in question
    assert '"from course another-course"' in question
    press(page, "Restore into a folder")
    summary = dialog(page).inner_text()
    press(page, "OK")
    assert 'into the folder "from course another-course"' in summary
    after = learner_files(page)
    assert after["welcome.ipynb"] == before["welcome.ipynb"]
    theirs = json.loads(after["from course another-course/welcome.ipynb"])
    assert theirs["cells"][0]["source"] == "# Welcome to ANOTHER course\n"
    assert after["from course another-course/notes/todo.txt"] == b"their note\n"


def test_a_backup_of_another_course_can_be_refused_and_nothing_changes(page, site_url, tmp_path):
    open_files(page, site_url)
    backup = another_courses_backup(tmp_path / "backup.zip", with_manifest=True)
    before = learner_files(page)
    pick_zip(page, backup)
    press(page, "Cancel")
    assert "Nothing was restored" in dialog(page).inner_text()
    press(page, "OK")
    assert learner_files(page) == before


# ---------------------------------------------------------------- zip bomb


@pytest.mark.parametrize("limit", ["the browser's quota", "the restore cap"])
def test_a_zip_bomb_is_refused_in_seconds_with_its_size_in_plain_words_and_nothing_is_written(
        new_profile, site_url, zip_bomb, limit):
    learner = new_profile()
    page = learner.page()
    if limit == "the browser's quota":
        # 300 MB, and the little the site itself keeps
        limit_storage(learner, page, site_url, 300_300_000)
    open_files(page, site_url)
    save_file(page, "mine.txt", {"type": "file", "format": "text", "content": "mine\n"})
    before = learner_files(page)
    started = time.monotonic()
    pick_zip(page, zip_bomb)
    text = dialog(page).inner_text()
    seconds = time.monotonic() - started
    press(page, "OK")
    print(f"zip bomb ({zip_bomb.stat().st_size:,} bytes -> 1 GB) refused in {seconds:.2f} s ({limit})")
    assert "Nothing was restored" in text
    assert "This backup would need 1.0 GB once unpacked" in text
    if limit == "the browser's quota":
        assert re.search(r"lets this course use only 300 MB more", text), text
    else:
        assert "a restore brings back at most 250 MB" in text
    assert seconds < 10  # a generous bound; the measured time is printed above
    assert learner_files(page) == before


def test_a_zip_whose_directory_understates_a_size_is_refused_as_damaged_and_nothing_is_written(
    page, site_url, tmp_path
):
    open_files(page, site_url)
    liar = tmp_path / "liar.zip"
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ok.txt", "fine\n")
        z.writestr("zeros.bin", bytes(10_000_000))
    data = bytearray(liar.read_bytes())
    # the central directory entry of zeros.bin now claims 1,000 bytes unpacked
    at = data.rindex(b"PK\x01\x02")
    assert data[at + 46:at + 46 + 9] == b"zeros.bin"
    data[at + 24:at + 28] = (1000).to_bytes(4, "little")
    liar.write_bytes(bytes(data))
    before = learner_files(page)
    pick_zip(page, liar)
    text = dialog(page).inner_text()
    press(page, "OK")
    assert "Nothing was restored" in text and '"zeros.bin" is damaged' in text
    assert learner_files(page) == before


# ---------------------------------------------------------------- odd names


def test_names_given_twice_and___proto___are_restored_and_listed_names_the_store_would_change_are_listed(
        page, site_url, tmp_path):
    open_files(page, site_url)
    odd = tmp_path / "odd.zip"
    with pytest.warns(UserWarning, match="Duplicate name"):
        with zipfile.ZipFile(odd, "w") as z:
            z.writestr("twice.txt", "first copy\n")
            z.writestr("twice.txt", "second copy\n")
            z.writestr("__proto__", "a file called __proto__\n")
            z.writestr("100%.txt", "percent\n")
            z.writestr("fine.txt", "fine\n")
    pick_zip(page, odd)
    box = dialog(page)
    summary = box.inner_text()
    restored = box.get_by_role("list", name="Restored:").inner_text()
    twice = box.get_by_role("list", name="Named more than once in the zip, so every copy is kept:").inner_text()
    refused = box.get_by_role("list", name="Not restored (the browser cannot store these):").inner_text()
    press(page, "OK")
    assert "1 not restored" in summary
    assert "__proto__" in restored.split("\n") and "fine.txt" in restored
    assert re.search(r"twice\.txt → another copy, restored as twice \(restored \d{4}-\d\d-\d\d\)\.txt", twice), twice
    assert "100%.txt" in refused and "web-address escape" in refused
    files = learner_files(page)
    copy = next(p for p in files if p.startswith("twice (restored"))
    assert files["twice.txt"] == b"first copy\n" and files[copy] == b"second copy\n"
    assert stored_text(page, "__proto__") == "a file called __proto__\n"
    assert files["fine.txt"] == b"fine\n"


def test_a_file_called___proto___survives_backup_and_restore(page, site_url, tmp_path):
    open_files(page, site_url)
    save_file(page, "__proto__", {"type": "file", "format": "text", "content": "odd but mine\n"})
    _, backup = download_via_menu(page, tmp_path)
    with zipfile.ZipFile(backup) as z:
        assert z.read("__proto__") == b"odd but mine\n"
    page.evaluate(f"{CONTENTS}.delete('__proto__')")
    pick_zip(page, backup)
    press(page, "OK")
    assert stored_text(page, "__proto__") == "odd but mine\n"


# ---------------------------------------------------------------- storage limits


def test_a_save_when_storage_is_full_explains_what_happened_and_what_to_do(new_profile, site_url):
    learner = new_profile()
    page = learner.page()
    # a 4 MB quota (as the full-restore test uses), then 5 MB of random text in a cell
    # (random: the browser's store compresses what it keeps)
    limit_storage(learner, page, site_url, 4_000_000)
    new_notebook(page, site_url, "important.ipynb")
    page.evaluate("""() => {
        const bytes = new Uint8Array(3_750_000);
        for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        window.jupyterapp.shell.currentWidget.content.model.cells.get(0).sharedModel.setSource('# ' + btoa(text));
    }""")
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.keyboard.press("Control+S")
    box = dialog(page)
    title = box.locator(".jp-Dialog-header").inner_text()
    text = box.locator(".jp-Dialog-body").inner_text()
    assert "important.ipynb" in title
    assert '"important.ipynb" could not be saved: the storage this browser gives the course is full' in text
    assert re.search(r"This site uses [\d.]+ [KMG]?B of the 4\.0 MB the browser allows it", text), text
    assert "Course › Download all my work" in text and "delete large files" in text


def test_a_200_MB_write_from_Python_is_an_error_with_a_message_and_the_kernel_keeps_working(page, site_url):
    new_notebook(page, site_url, "big.ipynb")
    wait_for_kernel(page)
    set_cell_source(page, 0, "open('big.bin', 'wb').write(b'0' * 200_000_000)")
    run_cell(page, 0)
    outputs = notebook_json(page)["cells"][0]["outputs"]
    errors = [o for o in outputs if o["output_type"] == "error"]
    assert errors, outputs
    assert "OSError" in errors[0]["ename"]  # this kernel names it "<class 'OSError'>"
    assert "No space left: this course's storage is full" in errors[0]["evalue"]
    assert '"big.bin" (200 MB)' in errors[0]["evalue"] and "at most 50 MB" in errors[0]["evalue"]
    assert "Course › Download all my work" in errors[0]["evalue"]
    # the tab is alive and the kernel still runs code
    page.evaluate("window.jupyterapp.commands.execute('notebook:insert-cell-below')")
    set_cell_source(page, 1, "with open('small.bin', 'wb') as f:\n    f.write(b'1' * 1000)\nprint(6 * 7)")
    run_cell(page, 1)
    assert cell_text_outputs(notebook_json(page)["cells"][1]).strip() == "42"
    size = page.evaluate(f"{CONTENTS}.get('small.bin', {{content: false}}).then(m => m.size)")
    assert size == 1000


def test_a_write_from_Python_into_full_storage_is_an_error_with_a_message_not_a_hang(new_profile, site_url):
    learner = new_profile()
    page = learner.page()
    limit_storage(learner, page, site_url, 4_000_000)
    new_notebook(page, site_url, "full.ipynb")
    wait_for_kernel(page)
    # 5 MB is under the per-file cap but not under the 4 MB quota: the save itself is refused
    set_cell_source(page, 0, "import os\nwith open('five.bin', 'wb') as f:\n    f.write(os.urandom(5_000_000))")
    run_cell(page, 0)
    errors = [o for o in notebook_json(page)["cells"][0]["outputs"] if o["output_type"] == "error"]
    assert errors, notebook_json(page)["cells"][0]["outputs"]
    assert "OSError" in errors[0]["ename"]
    assert '"five.bin" (5.0 MB): the browser refused to store it' in errors[0]["evalue"]
    assert "Course › Download all my work" in errors[0]["evalue"]
    # the cell ended (JupyterLite alone never answers a failed save: the kernel waited forever)
    page.evaluate("window.jupyterapp.commands.execute('notebook:insert-cell-below')")
    set_cell_source(page, 1, "print(6 * 7)")
    run_cell(page, 1)
    assert cell_text_outputs(notebook_json(page)["cells"][1]).strip() == "42"

