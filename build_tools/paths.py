"""Where every input and output of the build lives (one place, so tasks agree)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE_TOML = ROOT / "course.toml"
PYPROJECT = ROOT / "pyproject.toml"
CONTENT = ROOT / "content"
PACKAGES = ROOT / "packages"
EXTENSION_DIR = PACKAGES / "litecourse-extension"
LITE_SITE = ROOT / "lite_site"
PINS = LITE_SITE / "kernel-pins.txt"
OUTPUT = LITE_SITE / "_output"

BUILD = ROOT / "build"
CACHE = BUILD / "cache"
WHEELS = BUILD / "wheels"
STAGE = BUILD / "lite"
STAGE_PYODIDE = STAGE / "static" / "pyodide"
BASE_LOCK = BUILD / "pyodide" / "pyodide-lock.base.json"
BASE_STDLIB = BUILD / "pyodide" / "python_stdlib.base.zip"  # as Pyodide ships it (source)
DOIT_DB = BUILD / "doit.json"
DIST = BUILD / "dist"
LAUNCHER = ROOT / "build_tools" / "launcher"
EMBED_ASSETS = ROOT / "build_tools" / "embed_assets"
