"""Serve a built site on 127.0.0.1 with the MIME types Pyodide needs."""

from __future__ import annotations

import errno
import functools
import http.server
import socket
import sys
from pathlib import Path

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


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with correct MIME types and quiet logs."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self):
        # revalidate on every visit: a rebuilt course must not be hidden by a stale cache
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

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


def make_server(root: Path, port: int = 0, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A threading HTTP server for ``root`` on ``host:port`` (0 picks any free port)."""
    handler = functools.partial(SiteHandler, directory=str(root))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(root: Path, port: int = 8000) -> None:
    """Serve ``root`` until Ctrl-C, saying aloud if the port had to change."""
    if not (Path(root) / "index.html").exists():
        print(f"{root} has no index.html: build the site first", file=sys.stderr)
        raise SystemExit(1)
    chosen = free_port(port)
    if chosen != port:
        print(f"Port {port} is in use; using {chosen} instead.")
    server = make_server(Path(root), chosen)
    print(f"Serving the course at http://127.0.0.1:{chosen}/  (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        server.server_close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    serve(args.root, args.port)
