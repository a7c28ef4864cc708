"""How the tests start Debian's Chromium: headless, quiet, and unable to reach the internet."""

from __future__ import annotations

import os
import shutil

#: flags that stop Chromium's own calls home; the dead proxy guarantees nothing leaves
#: the machine while traffic to the site on 127.0.0.1 goes direct
CHROMIUM_ARGS = [
    "--headless=new",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-extensions",
    "--no-pings",
    "--disable-quic",
    "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,"
    "MediaRouter,NetworkTimeServiceQuerying",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1;localhost",
]


def chromium_path() -> str:
    """Debian's chromium (``CHROMIUM`` overrides); a clear message when it is missing."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        raise RuntimeError(
            "Chromium is not installed: run 'apt-get install chromium' (as root), "
            "or set CHROMIUM to a Chromium binary"
        )
    return path


def launch_args() -> list[str]:
    """Chromium's arguments; as root it also needs --no-sandbox."""
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args
