"""Chromium, Firefox ESR and WebKitGTK, driven through one small page interface for the core
suite (``test_engines.py``, written once for the three).

- **Chromium** (Debian's) by Playwright, as the rest of the suite drives it (``conftest.py``).

Playwright's own Firefox and WebKit builds cannot be downloaded here, so Debian's are driven:

- **Firefox ESR** over WebDriver BiDi by npm ``puppeteer-core`` (``engines/firefox_bridge.mjs``,
  a node process that takes one JSON command per line);
- **WebKitGTK** by Selenium through ``WebKitWebDriver`` and its ``MiniBrowser --automation``, on a
  virtual X display (Xvfb) started for it.

All three send every request that leaves loopback to an ``OutsideProxy`` that refuses and records it.
A missing browser or tool fails the test with what to install: never a silent skip.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from outsideproxy import OutsideProxy
from profiles import remove_profile

ENGINES_DIR = Path(__file__).parent / "engines"
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
ENGINES = ("chromium", "firefox", "webkit")
#: the engines besides the one the rest of the suite runs in (tests in them are marked other_engines)
OTHER_ENGINES = ("firefox", "webkit")
COMMAND_TIMEOUT_S = 240  # longer than any wait a command makes itself


class EngineMissing(RuntimeError):
    """A browser or tool the suite needs is not installed; the message says how to get it."""


def _need(path: str, what: str, package: str) -> None:
    if not (os.path.exists(path) or shutil.which(path)):
        raise EngineMissing(
            f"{what} is not installed ({path} is missing): run './run test' as root, which installs it, "
            f"or 'apt-get install {package}'"
        )


# Capture phase on the document: sees the click on the hidden <a download> the Course menu makes
# (and WebKitGTK's automation keeps no downloaded file we could read)
_RECORD_DOWNLOADS = """() => {
    if (window.__engineDownloads) return;
    window.__engineDownloads = [];
    document.addEventListener('click', e => {
        const a = e.target && e.target.closest && e.target.closest('a[download]');
        if (a) window.__engineDownloads.push({name: a.download, href: a.href});
    }, true);
}"""

_READ_DOWNLOAD = """async () => {
    const last = (window.__engineDownloads || []).slice(-1)[0];
    if (!last) return null;
    const bytes = new Uint8Array(await (await fetch(last.href)).arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return {name: last.name, base64: btoa(text)};
}"""

_MARK_BY_TEXT = """(selector, text) => {
    const found = Array.from(document.querySelectorAll(selector))
        .find(el => el.textContent.trim() === text && el.getClientRects().length > 0);
    if (!found) return false;
    document.querySelectorAll('[data-engine-target]').forEach(el => el.removeAttribute('data-engine-target'));
    found.setAttribute('data-engine-target', '');
    return true;
}"""


class EnginePage:
    """One browser window of one engine; subclasses supply the primitive commands:
    ``goto``, ``reload``, ``call`` (a JavaScript function's source, awaited, JSON result),
    ``click`` (a real pointer click on a CSS selector), ``type_text``, ``press`` ("Control+s"),
    ``enter_frame``/``leave_frame`` and ``close``."""

    name = ""

    def __init__(self) -> None:
        self.proxy = OutsideProxy()

    # ---- built on the primitives, the same in every engine

    def wait_for(self, fn: str, *args, timeout: float = 60, what: str = "", across_loads: bool = False) -> object:
        """Call ``fn`` until it returns something truthy (polled); that value. Fails after ``timeout`` s.
        With ``across_loads``, a call that fails because the page is being replaced is retried."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.call(fn, *args)
            except Exception:
                if not across_loads or time.monotonic() > deadline:
                    raise
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: waited {timeout:.0f} s for {what or fn}")
            time.sleep(0.25)

    def click_text(self, selector: str, text: str, timeout: float = 30) -> None:
        """Click (a real click) the visible element matching ``selector`` whose text is ``text``."""
        self.wait_for(_MARK_BY_TEXT, selector, text, timeout=timeout, what=f"{selector} saying {text!r}")
        self.click(f"{selector}[data-engine-target]")

    def record_downloads(self) -> None:
        """From now on, remember the files this page hands the browser to download."""
        self.call(_RECORD_DOWNLOADS)

    def downloaded(self, timeout: float = 60) -> tuple[str, bytes]:
        """The last file the page gave the browser to download: its name and bytes."""
        try:
            self.wait_for("() => (window.__engineDownloads || []).length > 0", timeout=timeout, what="a download")
        except AssertionError as error:
            shown = self.call("() => Array.from(document.querySelectorAll('.jp-Dialog')).map(d => d.innerText)")
            raise AssertionError(f"{error}; dialogs on the page: {shown}") from None
        got = self.call(_READ_DOWNLOAD)
        return got["name"], base64.b64decode(got["base64"])

    def outside_requests(self) -> list[str]:
        """Requests that tried to leave loopback since the last call."""
        return self.proxy.taken()


class ChromiumPage(EnginePage):
    """Debian's Chromium through Playwright: a context of the suite's Chromium (the ``browser``
    fixture) whose requests go through this page's ``OutsideProxy``, as the other engines' do."""

    name = "chromium"

    def __init__(self, browser) -> None:
        super().__init__()
        self.context = browser.new_context(
            proxy={"server": f"http://127.0.0.1:{self.proxy.port}", "bypass": "127.0.0.1,localhost"})
        self.page = self.context.new_page()
        self.page.set_default_timeout(COMMAND_TIMEOUT_S * 1000)
        self._console: list[str] = []
        self.page.on("console", lambda m: self._console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self._console.append(f"pageerror: {e}"))
        self.frame = self.page.main_frame

    def goto(self, url: str) -> None:
        self.frame = self.page.main_frame
        self.page.goto(url, wait_until="load", timeout=120_000)

    def navigate(self, url: str) -> None:
        """Go to ``url`` without waiting for its load event (a page whose start stalls never has one)."""
        self.frame = self.page.main_frame
        self.page.goto(url, wait_until="domcontentloaded", timeout=120_000)

    def reload(self) -> None:
        self.frame = self.page.main_frame
        self.page.reload(wait_until="load", timeout=120_000)

    def call(self, fn: str, *args) -> object:
        return self.frame.evaluate(f"(args) => ({fn})(...args)", list(args))

    def click(self, selector: str) -> None:
        self.frame.click(selector)

    def type_text(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, chord: str) -> None:
        self.page.keyboard.press(chord)

    def enter_frame(self, selector: str) -> None:
        self.frame = self.frame.wait_for_selector(selector).content_frame()

    def leave_frame(self) -> None:
        self.frame = self.page.main_frame

    def console(self) -> list[str]:
        lines, self._console[:] = list(self._console), []
        return lines

    def close(self) -> None:
        try:
            self.context.close()
        finally:
            self.proxy.close()


class FirefoxPage(EnginePage):
    """Firefox ESR through ``engines/firefox_bridge.mjs`` (puppeteer-core, WebDriver BiDi)."""

    name = "firefox"

    def __init__(self) -> None:
        _need(FIREFOX, "Firefox ESR", "firefox-esr")
        _need("node", "node", "nodejs")
        if not (ENGINES_DIR / "node_modules" / "puppeteer-core").is_dir():
            raise EngineMissing(
                f"puppeteer-core is not installed in {ENGINES_DIR}: run './run test', or "
                f"'cd {ENGINES_DIR} && PUPPETEER_SKIP_DOWNLOAD=1 npm ci'"
            )
        super().__init__()
        self.download_dir = Path(tempfile.mkdtemp(prefix="firefox-downloads-"))
        # our folder, not puppeteer's: removed once Firefox's last process has left it
        self.profile_dir = Path(tempfile.mkdtemp(prefix="firefox-profile-"))
        self._saved: set[Path] = set()
        self._process = subprocess.Popen(
            ["node", str(ENGINES_DIR / "firefox_bridge.mjs"), str(self.proxy.port), str(self.download_dir),
             str(self.profile_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "FIREFOX": FIREFOX},
            cwd=ENGINES_DIR,
        )
        self._answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read_answers, daemon=True).start()
        self._next_id = 0
        ready = self._answer(timeout=120)
        if "ready" not in ready:
            raise RuntimeError(f"Firefox did not start: {ready}")
        self.version = ready["ready"]

    def _read_answers(self) -> None:
        for line in self._process.stdout:
            if line.startswith("{"):
                self._answers.put(json.loads(line))
        self._answers.put({"error": f"the Firefox bridge ended (exit code {self._process.wait()})"})

    def _answer(self, timeout: float) -> dict:
        try:
            return self._answers.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"firefox: no answer in {timeout} s") from None

    def _command(self, op: str, **params) -> object:
        self._next_id += 1
        self._process.stdin.write(json.dumps({"id": self._next_id, "op": op, **params}) + "\n")
        self._process.stdin.flush()
        answer = self._answer(COMMAND_TIMEOUT_S)
        if "error" in answer:
            raise AssertionError(f"firefox: {op} failed: {answer['error']}")
        return answer["value"]

    def goto(self, url: str) -> None:
        self._command("goto", url=url)

    def reload(self) -> None:
        self._command("reload")

    def navigate(self, url: str) -> None:
        """Go to ``url`` without waiting for its load event (a page whose start stalls never has one)."""
        self._command("navigate", url=url)

    def call(self, fn: str, *args) -> object:
        return self._command("call", fn=fn, args=list(args))

    def click(self, selector: str) -> None:
        self._command("click", selector=selector)

    def type_text(self, text: str) -> None:
        self._command("type", text=text)

    def press(self, chord: str) -> None:
        self._command("press", chord=chord)

    def enter_frame(self, selector: str) -> None:
        self._command("enterFrame", selector=selector)

    def leave_frame(self) -> None:
        self._command("leaveFrame")

    def console(self) -> list[str]:
        return self._command("console")

    def downloaded(self, timeout: float = 60) -> tuple[str, bytes]:
        """The page's download, checked against the file Firefox itself saved in its download
        folder (a second download of the same name is saved as ``name(1).zip``)."""
        name, data = super().downloaded(timeout)
        stem = Path(name).stem
        deadline = time.monotonic() + timeout
        while True:
            saved = [p for p in self.download_dir.iterdir() if p.name.startswith(stem) and p.suffix != ".part"]
            fresh = [p for p in saved if p not in self._saved and p.stat().st_size == len(data)]
            if fresh or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert fresh, f"firefox did not save {name} in {self.download_dir}: {os.listdir(self.download_dir)}"
        self._saved.add(fresh[0])
        assert fresh[0].read_bytes() == data, "the file Firefox saved differs from the one the page made"
        return name, data

    def close(self) -> None:
        try:
            self._command("close")
        except AssertionError:
            pass
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self.proxy.close()
        remove_profile(self.profile_dir)
        remove_profile(self.download_dir)


class VirtualDisplay:
    """An Xvfb display of its own (WebKitGTK's MiniBrowser needs X even when nobody looks)."""

    def __init__(self) -> None:
        _need("Xvfb", "Xvfb (the virtual X display)", "xvfb")
        read_end, write_end = os.pipe()
        self._process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
            pass_fds=[write_end],
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def close(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=30)


_KEYS = {"Control": "CONTROL", "Shift": "SHIFT", "Enter": "ENTER", "Delete": "DELETE", "Backspace": "BACK_SPACE"}


class WebKitPage(EnginePage):
    """WebKitGTK's MiniBrowser through ``WebKitWebDriver`` and Selenium."""

    name = "webkit"

    def __init__(self) -> None:
        _need(WEBKIT_DRIVER, "WebKitWebDriver", "webkit2gtk-driver")
        _need(MINIBROWSER, "WebKitGTK's MiniBrowser", "webkit2gtk-driver")
        try:
            from selenium import webdriver
            from selenium.webdriver.common.proxy import Proxy, ProxyType
            from selenium.webdriver.webkitgtk.options import Options
            from selenium.webdriver.webkitgtk.service import Service
        except ImportError as error:
            raise EngineMissing(f"Selenium is not installed ({error}): run './run test'") from None
        super().__init__()
        self._display = VirtualDisplay()
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        # navigation commands return at once and goto/reload wait for the new document
        # themselves: a page whose start stalls (its bundle never arrives) has no load event,
        # and with "eager" WebKitWebDriver held every command after a reload until the page
        # load timeout (30 s a reload; 3 s with this)
        options.page_load_strategy = "none"
        proxy = Proxy()
        proxy.proxy_type = ProxyType.MANUAL
        proxy.http_proxy = proxy.ssl_proxy = f"127.0.0.1:{self.proxy.port}"
        proxy.no_proxy = ["127.0.0.1", "localhost"]
        options.proxy = proxy
        self.driver = self._start(
            lambda: Service(WEBKIT_DRIVER, env={**os.environ, "DISPLAY": self._display.display}),
            lambda service: webdriver.WebKitGTK(options=options, service=service),
        )
        # WebKitWebDriver sometimes holds every command for minutes after a reload although the
        # page has loaded and shows the notebook (seen in benchmarks/webkit_reloads.py: the
        # screenshot shows it, and the next command reads it): give up on such a wait after 30 s
        # and let the callers' polling go on
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(COMMAND_TIMEOUT_S)
        self.driver.set_window_size(1400, 1000)
        self.version = self.driver.capabilities.get("browserVersion", "")

    @staticmethod
    def _start(make_service, make_driver, attempts: int = 3, within_s: float = 30):
        """A new driver session; a start that hangs (seen once: MiniBrowser never came up and
        WebKitWebDriver waited for it) is abandoned and tried again."""
        for _ in range(attempts):
            box: dict = {}
            service = make_service()

            def start(box=box, service=service):
                try:
                    box["driver"] = make_driver(service)
                except Exception as error:  # reported below if every attempt fails
                    box["error"] = error

            thread = threading.Thread(target=start, daemon=True)
            thread.start()
            thread.join(within_s)
            if "driver" in box:
                return box["driver"]
            if thread.is_alive():
                service.stop()  # ends the hung session request
                thread.join(10)
        raise RuntimeError(f"WebKitGTK did not start in {attempts} attempts: {box.get('error', 'no answer')}")

    def goto(self, url: str) -> None:
        self._replace_document(lambda: self.driver.get(url))

    def reload(self) -> None:
        self._replace_document(self.driver.refresh)

    def _replace_document(self, load) -> None:
        """Run ``load`` and wait until a new document has replaced this one and has loaded,
        its frames too: a frame entered while still on its first blank document is lost when
        WebKit moves it to the course's origin (NoSuchWindowException)."""
        from selenium.common.exceptions import TimeoutException

        self.driver.switch_to.default_content()
        self.call("() => { window.__enginePreviousDocument = true; }")
        try:
            load()
        except TimeoutException:
            pass  # still loading: the wait below decides
        self.wait_for(
            "() => !window.__enginePreviousDocument && document.readyState === 'complete'",
            timeout=120,
            what="the new page",
            across_loads=True,
        )

    def navigate(self, url: str) -> None:
        """Go to ``url`` without waiting for its load event (a page whose start stalls never has one)."""
        self.driver.switch_to.default_content()
        self.driver.execute_script("window.location.href = arguments[0];", url)
        time.sleep(1)

    def call(self, fn: str, *args) -> object:
        from selenium.common.exceptions import TimeoutException

        for attempt in range(4):
            try:
                return self._call(fn, *args)
            except TimeoutException:
                # WebKitWebDriver held the command (see set_page_load_timeout above): ask again
                if attempt == 3:
                    raise

    def _call(self, fn: str, *args) -> object:
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"Promise.resolve().then(() => ({fn})(...Array.from(arguments).slice(0, -1)))"
            ".then(value => done({value: value === undefined ? null : value}),"
            " error => done({error: String(error && error.stack || error)}));",
            *args,
        )
        if "error" in result:
            raise AssertionError(f"webkit: script failed: {result['error']}")
        return result["value"]

    def click(self, selector: str) -> None:
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By

        # a notebook redraws cells as they scroll into view: an element can be hidden or
        # replaced for a moment, so try again for a while as a learner's second click would
        deadline = time.monotonic() + 60
        while True:
            try:
                element = self.driver.find_element(By.CSS_SELECTOR, selector)
                # move first, as a mouse does: a menu item becomes active on the pointer's move
                # and is chosen on mouseup (WebKitWebDriver's element click does not move)
                ActionChains(self.driver).move_to_element(element).pause(0.1).click().perform()
                return
            except WebDriverException as error:
                if time.monotonic() > deadline:
                    raise AssertionError(f"webkit: could not click {selector}: {type(error).__name__}") from None
                time.sleep(0.5)

    def type_text(self, text: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        # WebKitWebDriver types "\n" as nothing: a line break is the Enter key
        actions = ActionChains(self.driver)
        for number, line in enumerate(text.split("\n")):
            if number:
                actions.send_keys(Keys.ENTER)
            if line:
                actions.send_keys(line)
        actions.perform()

    def press(self, chord: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        *held, last = chord.split("+")
        actions = ActionChains(self.driver)
        for key in held:
            actions.key_down(getattr(Keys, _KEYS[key]))
        actions.send_keys(getattr(Keys, _KEYS[last]) if last in _KEYS else last)
        for key in reversed(held):
            actions.key_up(getattr(Keys, _KEYS[key]))
        actions.perform()

    def enter_frame(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        self.wait_for("s => !!document.querySelector(s)", selector, what=selector)
        self.driver.switch_to.frame(self.driver.find_element(By.CSS_SELECTOR, selector))

    def leave_frame(self) -> None:
        self.driver.switch_to.default_content()

    def console(self) -> list[str]:
        return []  # WebKitWebDriver has no log endpoint

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self._display.close()
            self.proxy.close()


def launch(engine: str, chromium=None) -> EnginePage:
    """A window of ``engine`` (one of ``ENGINES``), offline-guarded; Chromium's opens in the
    Playwright browser ``chromium`` (the suite's ``browser`` fixture)."""
    if engine == "chromium":
        return ChromiumPage(chromium)
    return {"firefox": FirefoxPage, "webkit": WebKitPage}[engine]()
