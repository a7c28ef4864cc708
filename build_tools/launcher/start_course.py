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
import email.utils
import errno
import functools
import gzip
import http.server
import io
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

#: the launcher answers here with the course id and build id, so a second launch can find the first
WHOAMI = "/.litecourse-launcher"
#: written into ``site/`` by the build (build_tools/zip.py): a hash of this very build of the course
BUILD_ID_FILE = ".litecourse-build"

#: longest request line answered; a longer one gets 414 (no address of the course is near this)
MAX_REQUEST_LINE = 8192
#: most bytes read past an over-long request line before answering it (see refuse_long_request)
MAX_DRAIN = 1 << 20
#: seconds a connection may wait for its next request before it is closed
IDLE_TIMEOUT = 30
#: connections the system queues while every thread is busy (the default of 5 resets them under load)
BACKLOG = 128


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


def build_id(site):
    """The build id the build wrote into ``site`` ('' if there is none).

    >>> build_id("/nowhere")
    ''
    """
    try:
        with open(os.path.join(site, BUILD_ID_FILE), encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return ""


class GuardedRequests:
    """Mixin for an ``http.server`` request handler: keep-alive (HTTP/1.1) with an idle
    timeout, and a short 414 answer to an over-long request line.

    Shared with the development server (build_tools/serve.py). The standard library accepts
    request lines up to 64 KB and, past that, answers without reading the rest of the request,
    so the client often sees a reset connection instead of the 414.
    """

    protocol_version = "HTTP/1.1"
    #: socket timeout for every read: a connection idle this long is closed
    timeout = IDLE_TIMEOUT

    def handle_one_request(self):
        # the standard library's loop, with our line limit and an answer for a long line
        try:
            self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if not self.raw_requestline:
                self.close_connection = True
                return
            if len(self.raw_requestline) > MAX_REQUEST_LINE:
                self.refuse_long_request()
                return
            if not self.parse_request():
                return
            method = getattr(self, "do_" + self.command, None)
            if method is None:
                self.send_error(501, "Unsupported method ({!r})".format(self.command))
                return
            method()
            self.wfile.flush()
        except socket.timeout:  # TimeoutError from Python 3.10 on
            self.close_connection = True
        except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
            # the browser closed a kept-alive connection or left a download: normal, not an error
            # for the learner's window (the standard library would print a traceback)
            self.close_connection = True

    def refuse_long_request(self):
        """Answer 414 and close. The rest of the request is read first (up to ``MAX_DRAIN``):
        closing a socket with unread data resets it, and the client would lose the answer."""
        self.requestline, self.request_version, self.command, self.path = "", "HTTP/1.1", "", ""
        budget = MAX_DRAIN
        line = self.raw_requestline
        try:
            while budget > 0 and not line.endswith(b"\n"):  # the rest of the request line
                line = self.rfile.readline(min(budget, 65536))
                budget -= len(line) or budget
            while budget > 0:  # the headers, up to the blank line
                line = self.rfile.readline(min(budget, 65536))
                if line in (b"\r\n", b"\n", b""):
                    break
                budget -= len(line)
        except OSError:
            pass
        self.send_error(414, None, "This address is too long (more than {} characters).".format(MAX_REQUEST_LINE))
        self.close_connection = True


#: files worth compressing (text and WebAssembly); images, fonts, wheels and zips already are
COMPRESSIBLE = frozenset(
    (".js", ".mjs", ".css", ".html", ".htm", ".json", ".ipynb", ".svg", ".txt", ".md", ".map",
     ".wasm", ".py", ".csv", ".xml", ".webmanifest", ".ico", ".ttf")
)
#: smaller files are sent as they are (the headers would outweigh the saving)
MIN_COMPRESS_BYTES = 1024
#: bigger files are sent as they are (never held in memory whole)
MAX_COMPRESS_BYTES = 64 << 20


def accepts_gzip(header):
    """True when an ``Accept-Encoding`` header allows gzip (and does not refuse it with q=0).

    >>> accepts_gzip("gzip, deflate, br"), accepts_gzip("br;q=1, gzip;q=0"), accepts_gzip(None)
    (True, False, False)
    """
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            q = params.strip().lower()
            return not (q.startswith("q=") and float(q[2:] or 0) == 0)
    return False


class GzipCache:
    """Gzipped copies of a site's files, made once per file version (size and modification
    time) and kept in memory, so every later request is answered without compressing."""

    def __init__(self):
        self._lock = threading.Lock()
        self._copies = {}  # path -> (size, mtime_ns, gzipped bytes)

    def wanted(self, path, stat):
        """Is ``path`` (with its ``os.stat``) worth sending gzipped?

        >>> st = os.stat_result((0o100644, 0, 0, 0, 0, 0, 5000, 0, 0, 0))
        >>> GzipCache().wanted("/s/a.js", st), GzipCache().wanted("/s/b.whl", st)
        (True, False)
        """
        return (os.path.splitext(path)[1].lower() in COMPRESSIBLE
                and MIN_COMPRESS_BYTES <= stat.st_size <= MAX_COMPRESS_BYTES)

    def get(self, path, stat):
        """The gzipped bytes of ``path`` as it is now (compressed on first use)."""
        key = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            copy = self._copies.get(path)
        if copy is not None and copy[:2] == key:
            return copy[2]
        with open(path, "rb") as f:
            data = f.read()
        # mtime=0: the same file always compresses to the same bytes
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        with self._lock:
            self._copies[path] = key + (packed,)
        return packed

    def warm(self, root):
        """Compress every file under ``root`` worth it, ahead of the first visit (run in a
        thread at start: the browser's first requests then find them ready)."""
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                    if self.wanted(path, stat):
                        self.get(path, stat)
                except OSError:
                    continue


#: one cache per process: the launcher serves one site
GZIP_CACHE = GzipCache()


class GzipFiles:
    """Mixin for a ``SimpleHTTPRequestHandler``: send text assets (and WebAssembly) gzipped
    to browsers that accept it, from :data:`GZIP_CACHE`. Over a network, a cold visit then
    moves about a third of the bytes; the browser unpacks them before any script sees them."""

    gzip_cache = GZIP_CACHE

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        try:
            stat = os.stat(path)
        except OSError:
            return super().send_head()
        if not os.path.isfile(path) or not self.gzip_cache.wanted(path, stat):
            return super().send_head()
        if not accepts_gzip(self.headers.get("Accept-Encoding")):
            self._vary = True
            return super().send_head()
        self._vary = True
        if self._unchanged_since(stat):
            self.send_response(304)
            self.end_headers()
            return None
        try:
            body = self.gzip_cache.get(path, stat)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def _unchanged_since(self, stat):
        """``If-Modified-Since`` names a time at or after the file's last change (the
        standard library's rule; ``If-None-Match``, when sent, is left to the caller)."""
        since = self.headers.get("If-Modified-Since")
        if not since or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        if when is None or when.tzinfo is None:
            return False
        return int(stat.st_mtime) <= when.timestamp()

    def end_headers(self):
        if getattr(self, "_vary", False):
            # caches must keep the gzipped and the plain answer apart
            self.send_header("Vary", "Accept-Encoding")
            self._vary = False
        super().end_headers()


class StaticServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server with a real listen backlog."""

    # On Windows SO_REUSEADDR lets a second program share a busy port, so it must stay off
    # there; elsewhere it only lets a restart reuse the port at once (same address, same work).
    allow_reuse_address = os.name != "nt"
    daemon_threads = True
    request_queue_size = BACKLOG


def make_handler(site, course, build="", idle_timeout=IDLE_TIMEOUT):
    """A quiet static-file handler for ``site`` with the MIME types the course needs; it
    answers ``WHOAMI`` with the course id and build id."""

    class Handler(GuardedRequests, GzipFiles, http.server.SimpleHTTPRequestHandler):
        extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES)
        timeout = idle_timeout

        def do_GET(self):
            if self.path == WHOAMI:
                body = json.dumps({"courseId": course, "buildId": build}).encode("utf-8")
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


def bind(handler, preferred, host=HOST, tries=TRIES, other_copy=None):
    """A server on ``preferred`` or, if that port is busy, the next free one above it.

    Returns ``(server, note)``; ``note`` is '' on the preferred port, else a sentence for
    the learner naming the busy port and the one used instead. ``other_copy`` is the port
    where another build of this course runs, if one does (the note then says so).
    """
    for port in range(preferred, preferred + tries):
        try:
            server = StaticServer((host, port), handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES) or getattr(exc, "winerror", None) in (10048, 10013):
                continue
            raise
        if port == preferred:
            return server, ""
        if other_copy == preferred:
            return server, (
                "Another copy of this course (a different version or download) is running at "
                "port {0}, so this one uses port {1}.\n"
                "Work you saved at port {0} is kept by the browser for that address: close the "
                "other course window and start this one again to use port {0}.".format(preferred, port)
            )
        return server, (
            "Port {0} is busy (another program is using it), so the course uses port {1}.\n"
            "Work you saved at port {0} is kept by the browser for that address: it shows "
            "again when the course runs on port {0}.".format(preferred, port)
        )
    raise OSError("no free port between {} and {}".format(preferred, preferred + tries - 1))


def running_course(port, host=HOST):
    """``(course id, build id)`` a launcher already serving on ``port`` answers with, else
    ``('', '')``."""
    try:
        with urllib.request.urlopen("http://{}:{}{}".format(host, port, WHOAMI), timeout=1) as r:
            answer = json.loads(r.read().decode("utf-8"))
        return str(answer.get("courseId", "")), str(answer.get("buildId", ""))
    except Exception:  # noqa: BLE001 - anything else on that port is simply not ours
        return "", ""


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


def find_running(course, build, preferred, host=HOST, tries=TRIES):
    """Where launchers of this course already run: ``(port serving this very build or None,
    port serving another build of the course or None)``. Looks at the preferred port and, if
    that was busy when they started, the next ones; stops at the first free port.

    Only a launcher answering with this course id *and* this build id is reused: anything
    else on the port (another program, an older copy of the course) is left alone.
    """
    other = None
    for port in range(preferred, preferred + tries):
        if port_is_free(port, host):
            break
        answer = running_course(port, host)
        if answer == (course, build):
            return port, other
        if answer[0] == course and other is None:
            other = port
    return None, other


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
    course, build = course_id(site), build_id(site)
    running, other_copy = find_running(course, build, args.port) if course and build else (None, None)
    if running:
        url = "http://{}:{}/".format(HOST, running)
        print("The course is already running at " + url + " (started in another window).")
        if not args.no_browser and can_open_browser():
            print("Opening it in your web browser.")
            webbrowser.open(url)
        return 0

    server, note = bind(make_handler(site, course, build), args.port, other_copy=other_copy)
    port = server.server_address[1]
    url = "http://{}:{}/".format(HOST, port)
    if note:
        print(note)
    threading.Thread(target=GZIP_CACHE.warm, args=(site,), daemon=True).start()
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
