"""Serve a built site on 127.0.0.1 with the MIME types Pyodide needs.

The request guards (414 for an over-long request line, idle timeout, keep-alive, listen
backlog) and the gzipped answers for text assets are the offline launcher's own
(``build_tools/launcher/start_course.py``), so the two servers hold up the same way; the
launcher stays one standalone file.
"""

from __future__ import annotations

import errno
import functools
import http.server
import os
import re
import signal
import socket
import sys
import threading
from pathlib import Path

from . import paths
from .zip import load_launcher

_launcher = load_launcher(paths.LAUNCHER)
GuardedRequests = _launcher.GuardedRequests
StaticServer = _launcher.StaticServer
GzipFiles = _launcher.GzipFiles
GZIP_CACHE = _launcher.GZIP_CACHE
IDLE_TIMEOUT = _launcher.IDLE_TIMEOUT
#: browsers refuse to compile wasm or import modules served with the wrong type
MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".svg": "image/svg+xml",
}


#: file names that carry a hash of their content (webpack chunks: ``716.d56474bfc99eefc5.js``)
HASHED_NAME = re.compile(r"[.-][0-9a-f]{16,}\.(?:js|css|wasm|woff2?|svg|png)$")


def cache_control(path: str) -> str:
    """``Cache-Control`` for a request path: content-hashed files never change, the rest revalidate.

    >>> cache_control("/build/716.d56474bfc99eefc5.js")
    'public, max-age=31536000, immutable'
    >>> cache_control("/static/pyodide/pyodide.asm.wasm"), cache_control("/files/a.0123456789abcdef.png")
    ('no-cache', 'no-cache')
    """
    path = path.split("?", 1)[0]
    # the course's own files (files/...) are named by their authors, never by content
    hashed = HASHED_NAME.search(path.rsplit("/", 1)[-1]) and "/files/" not in path
    return "public, max-age=31536000, immutable" if hashed else "no-cache"


def etag(stat: os.stat_result) -> str:
    """A weak validator from size and modification time (what a rebuild changes).

    >>> etag(os.stat_result((0, 0, 0, 0, 0, 0, 5, 0, 1700000000, 0)))
    'W/"5-1700000000000000000"'
    """
    return f'W/"{stat.st_size}-{getattr(stat, "st_mtime_ns", 0) or int(stat.st_mtime * 1e9)}"'


class SiteHandler(GuardedRequests, GzipFiles, http.server.SimpleHTTPRequestHandler):
    """Static files with correct MIME types, cache validators, gzip for text assets and quiet
    logs.

    Warm visits revalidate everything but content-hashed files with a 304 (ETag or
    Last-Modified), so a rebuilt course is never hidden by a stale cache.
    """

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isfile(path) and "If-None-Match" in self.headers:
            tag = etag(os.stat(path))
            if tag in [t.strip() for t in self.headers["If-None-Match"].split(",")]:
                self.send_response(http.HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", tag)
                self.end_headers()
                return None
        return super().send_head()

    def end_headers(self):
        # error answers to a malformed request line come before ``path`` is set
        request_path = getattr(self, "path", "")
        self.send_header("Cache-Control", cache_control(request_path))
        path = self.translate_path(request_path) if request_path else ""
        if path and os.path.isfile(path) and self._status_ok():
            self.send_header("ETag", etag(os.stat(path)))
        super().end_headers()

    def send_response(self, code, message=None):
        self._code = code
        super().send_response(code, message)

    def _status_ok(self) -> bool:
        return getattr(self, "_code", 200) == 200

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def free_port(preferred: int, host: str = "127.0.0.1", tries: int = 50) -> int:
    """``preferred`` if nothing listens there, else the next free port above it."""
    for port in range(preferred, preferred + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, port))
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise
            return port
    raise OSError(f"no free port between {preferred} and {preferred + tries - 1}")


def make_server(
    root: Path, port: int = 0, host: str = "127.0.0.1", idle_timeout: float = IDLE_TIMEOUT
) -> http.server.ThreadingHTTPServer:
    """A threading HTTP server for ``root`` on ``host:port`` (0 picks any free port);
    a connection idle for ``idle_timeout`` seconds is closed."""
    handler_class = type("SiteHandler", (SiteHandler,), {"timeout": idle_timeout})
    return StaticServer((host, port), functools.partial(handler_class, directory=str(root)))


def serve(root: Path, port: int = 8000) -> None:
    """Serve ``root`` until Ctrl-C, saying aloud if the port had to change."""
    if not (Path(root) / "index.html").exists():
        print(f"{root} has no index.html: build the site first", file=sys.stderr)
        raise SystemExit(1)
    chosen = free_port(port)
    if chosen != port:
        print(f"Port {port} is in use; using {chosen} instead.")
    server = make_server(Path(root), chosen)
    # compress the text assets now, so the first visit does not wait for it
    threading.Thread(target=GZIP_CACHE.warm, args=(str(root),), daemon=True).start()
    print(f"Serving the course at http://127.0.0.1:{chosen}/  (Ctrl-C stops)", flush=True)
    stop_on_signals()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
    finally:
        server.server_close()


class _Stop(KeyboardInterrupt):
    """A stop asked for by a signal: ends ``serve_forever`` as Ctrl-C does."""


def stop_on_signals() -> None:
    """Stop serving on SIGINT, SIGTERM or SIGHUP, whoever sends it. A shell starts a background
    job (``./run serve &``) with SIGINT ignored, which Python keeps, so ``kill -INT`` left the
    server running: every such signal gets our handler."""

    def stop(signum, frame):
        raise _Stop(signal.Signals(signum).name)

    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, stop)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    serve(args.root, args.port)
