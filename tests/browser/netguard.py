"""Every request a test page makes is recorded; any that leaves loopback fails the test."""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine (or never touch the network).

    >>> is_local("http://127.0.0.1:8000/lab/"), is_local("https://cdn.jsdelivr.net/x")
    (True, False)
    >>> is_local("data:text/plain,hi"), is_local("blob:http://127.0.0.1:1/abc")
    (True, True)
    """
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome-extension", "chrome"}:
        return True
    host = parts.hostname or ""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class NetGuard:
    """Aborts and records every non-loopback request of a browser context."""

    def __init__(self) -> None:
        self.outside: list[str] = []

    def attach(self, context) -> None:
        context.route("**/*", self._route)
        context.on("request", self._seen)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _seen(self, request) -> None:
        if not is_local(request.url) and request.url not in self.outside:
            self.outside.append(request.url)

    def assert_offline(self) -> None:
        assert not self.outside, "requests left loopback:\n" + "\n".join(self.outside)
