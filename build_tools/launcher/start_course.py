#!/usr/bin/env python3
"""Start the course on this computer: serve the folder ``site`` beside this file on
127.0.0.1 and open it in the web browser. Python 3.8 or newer, nothing else needed.

    python3 start_course.py                 # http://127.0.0.1:8765/ (or the next free port)
    python3 start_course.py --port 9000     # another port
    python3 start_course.py --no-browser    # serve only; open the address yourself

Your work is kept by the browser for the address (http://127.0.0.1:PORT/), so the
launcher always tries the same port first: use the same one every time.
"""

import argparse
import errno
import functools
import http.server
import json
import os
import socket
import sys
import threading
import urllib.request
import webbrowser

PREFERRED_PORT = 8765
HOST = "127.0.0.1"
TRIES = 20

#: browsers refuse to compile WebAssembly or import modules served with the wrong type
MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain",
    ".csv": "text/csv",
}

#: the launcher answers here with the course id, so a second launch can find the first
WHOAMI = "/.litecourse-launcher"


def site_folder():
    """The built course, in ``site`` beside this script."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "site")


def course_id(site):
    """The course id from the site's ``jupyter-lite.json`` ('' if it cannot be read).

    >>> course_id("/nowhere")
    ''
    """
    try:
        with open(os.path.join(site, "jupyter-lite.json"), encoding="utf-8") as f:
            config = json.load(f)
        return config["jupyter-config-data"]["litecourse"]["courseId"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def make_handler(site, course):
    """A quiet static-file handler for ``site`` with the MIME types the course needs."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES)

        def do_GET(self):
            if self.path == WHOAMI:
                body = json.dumps({"courseId": course}).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def end_headers(self):
            # a newer copy of the course unzipped over the old one must not hide behind a cache
            self.send_header("Cache-Control", "no-cache")
            super().end_headers()

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    return functools.partial(Handler, directory=site)


class CourseServer(http.server.ThreadingHTTPServer):
    # On Windows SO_REUSEADDR lets a second program share a busy port, so it must stay off
    # there; elsewhere it only lets a restart reuse the port at once (same address, same work).
    allow_reuse_address = os.name != "nt"
    daemon_threads = True


def bind(handler, preferred, host=HOST, tries=TRIES):
    """A server on ``preferred`` or, if that port is busy, the next free one above it.

    Returns ``(server, note)``; ``note`` is '' on the preferred port, else a sentence for
    the learner naming the busy port and the one used instead.
    """
    for port in range(preferred, preferred + tries):
        try:
            server = CourseServer((host, port), handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES) or getattr(exc, "winerror", None) in (10048, 10013):
                continue
            raise
        if port == preferred:
            return server, ""
        return server, (
            "Port {0} is busy (another program is using it), so the course uses port {1}.\n"
            "Work you saved at port {0} is kept by the browser for that address: it shows "
            "again when the course runs on port {0}.".format(preferred, port)
        )
    raise OSError("no free port between {} and {}".format(preferred, preferred + tries - 1))


def running_course(port, host=HOST):
    """The course id a launcher already serving on ``port`` answers with, else ''."""
    try:
        with urllib.request.urlopen("http://{}:{}{}".format(host, port, WHOAMI), timeout=1) as r:
            return json.loads(r.read().decode("utf-8")).get("courseId", "")
    except Exception:  # noqa: BLE001 - anything else on that port is simply not ours
        return ""


def port_is_free(port, host=HOST):
    """True when nothing listens on ``host:port`` (checked by binding to it for a moment)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def find_running(course, preferred, host=HOST, tries=TRIES):
    """The port where this course's launcher already runs (the preferred port or, if that was
    busy when it started, one of the next), or None. Stops at the first free port."""
    for port in range(preferred, preferred + tries):
        if port_is_free(port, host):
            return None
        if running_course(port, host) == course:
            return port
    return None


def can_open_browser():
    """False on a Linux/BSD console without a desktop, where ``webbrowser`` would start a
    text browser in this very terminal instead of showing the course."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Serve the course on this computer and open it.")
    parser.add_argument("--port", type=int, default=PREFERRED_PORT,
                        help="port to try first (default %(default)s); keep it the same every time")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    site = site_folder()
    if not os.path.isfile(os.path.join(site, "index.html")):
        print("The course files are missing: the folder 'site' must be next to this script.\n"
              "Unzip the whole download first, then run this script from the unzipped folder.")
        return 1
    course = course_id(site)
    running = find_running(course, args.port) if course else None
    if running:
        url = "http://{}:{}/".format(HOST, running)
        print("The course is already running at " + url + " (started in another window).")
        if not args.no_browser and can_open_browser():
            print("Opening it in your web browser.")
            webbrowser.open(url)
        return 0

    server, note = bind(make_handler(site, course), args.port)
    port = server.server_address[1]
    url = "http://{}:{}/".format(HOST, port)
    if note:
        print(note)
    print("The course is running at " + url, flush=True)
    print("Keep this window open while you work. To stop: close this window or press Ctrl+C.",
          flush=True)
    if not args.no_browser and can_open_browser():
        # open once the server is accepting requests
        threading.Timer(0.5, webbrowser.open, [url]).start()
    elif not args.no_browser:
        print("Open that address in your web browser.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped. Your work stays in the browser; run this again to continue.")
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    if sys.version_info < (3, 8):
        print("This course needs Python 3.8 or newer (this is {}). "
              "Install it from https://www.python.org/downloads/".format(sys.version.split()[0]))
        sys.exit(1)
    sys.exit(main())
