"""The built labextension bundles flowchart.js and Raphaël itself: no CDN (issue 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "packages" / "litecourse-extension" / "litecourse_extension" / "labextension" / "static"

CDN = re.compile(
    r"(cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|ajax\.googleapis\.com|"
    r"code\.jquery\.com|cdn\.rawgit|rawgit\.com|githubusercontent\.com|flowchart\.js\.org)",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def bundle() -> str:
    files = sorted(STATIC.glob("*.js"))
    if not files:
        pytest.fail(f"{STATIC} has no built extension: run the build first (see README)")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def test_the_bundle_contains_flowchart_js_and_raphael(bundle):
    assert "Raphaël" in bundle or "Rapha\\xebl" in bundle
    assert "Wrong symbol type!" in bundle  # flowchart.js's parser


def test_the_bundle_names_no_cdn(bundle):
    assert CDN.findall(bundle) == []
