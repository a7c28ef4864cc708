"""Wheels of our own kernel packages (``packages/*``), built with pip."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import BuildError
from .tools import run
from .wheelinfo import check_pure


def package_sources(package_dir: Path) -> list[Path]:
    """Every file whose change should rebuild the wheel of ``package_dir``."""
    files = [package_dir / "pyproject.toml"]
    files += sorted(p for p in (package_dir / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return files


def build_wheel(package_dir: Path, out_dir: Path) -> Path:
    """Build ``package_dir`` into one pure-Python wheel in ``out_dir``; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = package_dir.name
    for old in out_dir.glob(f"{name}-*.whl"):
        old.unlink()
    step = f"building the wheel of {package_dir} (pip wheel)"
    run(step, [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
               "--wheel-dir", str(out_dir), str(package_dir)])
    built = sorted(out_dir.glob(f"{name}-*.whl"))
    if not built:
        raise BuildError(f"{step} wrote no wheel into {out_dir}")
    check_pure(built[-1])
    return built[-1]
