"""The offline guard of the Firefox and WebKit tests: a proxy on loopback that refuses and records.

Those browsers are told to send every request that does not go to loopback through this
proxy (Firefox by its proxy preferences, WebKit by the WebDriver ``proxy`` capability), so a
request that would leave the machine arrives here instead: it is written down and answered
``502`` (plain HTTP) or cut off (TLS), and the test that caused it fails naming it.
"""

from __future__ import annotations

import socket
import threading


def tls_server_name(hello: bytes) -> str | None:
    """The host name (SNI) in a TLS ClientHello, if it has one.

    >>> tls_server_name(b"GET / HTTP/1.1") is None
    True
    """
    try:
        if hello[0] != 0x16 or hello[5] != 0x01:  # handshake record, ClientHello
            return None
        at = 5 + 4 + 2 + 32  # record header, handshake header, version, random
        at += 1 + hello[at]  # session id
        at += 2 + int.from_bytes(hello[at : at + 2], "big")  # cipher suites
        at += 1 + hello[at]  # compression methods
        end = at + 2 + int.from_bytes(hello[at : at + 2], "big")
        at += 2
        while at + 4 <= end:
            kind = int.from_bytes(hello[at : at + 2], "big")
            size = int.from_bytes(hello[at + 2 : at + 4], "big")
            if kind == 0:  # server_name: list length, name type, name length, name
                name_size = int.from_bytes(hello[at + 7 : at + 9], "big")
                return hello[at + 9 : at + 9 + name_size].decode("ascii", "replace")
            at += 4 + size
    except IndexError:
        return None
    return None


def describe_request(first_bytes: bytes) -> str:
    """What a browser asked the proxy for, in one line.

    >>> describe_request(b"GET http://outside.example/a.png HTTP/1.1\\r\\nHost: outside.example\\r\\n")
    'GET http://outside.example/a.png'
    >>> describe_request(b"CONNECT cdn.example:443 HTTP/1.1\\r\\n\\r\\n")
    'CONNECT cdn.example:443'
    >>> describe_request(b"\\x16\\x03\\x01\\x00")
    'TLS (an https request; the browser hides its host)'
    """
    if first_bytes.startswith(b"\x16"):
        # WebKitGTK speaks TLS to an https proxy itself, so the host is inside the encryption
        name = tls_server_name(first_bytes)
        return f"TLS to {name}" if name else "TLS (an https request; the browser hides its host)"
    line = first_bytes.split(b"\r\n", 1)[0].decode("latin-1")
    return line.rsplit(" HTTP/", 1)[0] if " HTTP/" in line else f"unreadable request {first_bytes[:40]!r}"


class OutsideProxy:
    """Listens on 127.0.0.1 (a free port); every connection is one request that left loopback."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self._lock = threading.Lock()
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._socket.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._refuse, args=(conn,), daemon=True).start()

    def _refuse(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            try:
                first = conn.recv(16384)
            except OSError:
                return
            if not first:
                return
            with self._lock:
                self.outside.append(describe_request(first))
            if not first.startswith(b"\x16"):
                conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def taken(self) -> list[str]:
        """The requests recorded since the last call (and forgets them)."""
        with self._lock:
            taken, self.outside = self.outside, []
        return taken

    def close(self) -> None:
        self._socket.close()
