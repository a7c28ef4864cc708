"""The browser tests' profile folders are removed only once the browser has left them (issue 28:
a teardown's rmtree failed with 'Directory not empty' while Chromium still wrote into
``Default/``). The browser here is a stand-in that behaves as Chromium did: its main process
is gone, a helper process still holds a file of the profile open and keeps writing into it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from profiles import browser_profile, processes_using, remove_profile  # noqa: E402

#: a browser's helper: the profile comes by environment (not on its command line, as for
#: Chromium's helpers), one file stays open, and new files appear every millisecond
HELPER = """
import os, time
folder = os.path.join(os.environ["PROFILE"], "Default")
os.makedirs(folder, exist_ok=True)
held = open(os.path.join(folder, "Cookies"), "w")
open(os.path.join(os.environ["PROFILE"], "started"), "w").close()
end = time.monotonic() + float(os.environ["WRITE_FOR_S"])
n = 0
while time.monotonic() < end:
    with open(os.path.join(folder, f"journal-{n}"), "w") as f:
        f.write("x")
    n += 1
    time.sleep(0.001)
"""


def start_helper(profile: Path, write_for_s: float) -> subprocess.Popen:
    env = {"PROFILE": str(profile), "WRITE_FOR_S": str(write_for_s)}
    helper = subprocess.Popen([sys.executable, "-c", HELPER], env=env)
    deadline = time.monotonic() + 30
    while not (profile / "started").exists():
        assert time.monotonic() < deadline, "the stand-in helper did not start"
        time.sleep(0.01)
    return helper


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux's /proc")
def test_a_profile_still_written_to_at_teardown_is_removed_without_error_once_the_writer_is_done():
    with browser_profile("race-") as profile:
        helper = start_helper(profile, write_for_s=1.5)
        # the teardown comes while the helper still writes: the race of issue 28
        assert helper.poll() is None
        assert processes_using(profile) == [helper.pid]
    assert not profile.exists()
    assert helper.wait(timeout=5) == 0, "the helper was let finish its writes, not killed"


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux's /proc")
def test_a_profile_whose_writer_never_stops_is_removed_after_the_grace_time(tmp_path):
    profile = tmp_path / "profile"
    profile.mkdir()
    helper = start_helper(profile, write_for_s=600)
    started = time.monotonic()
    remove_profile(profile, grace_s=0.5)
    assert time.monotonic() - started < 10
    assert not profile.exists()
    assert helper.wait(timeout=5) != 0, "the stuck helper was killed"
