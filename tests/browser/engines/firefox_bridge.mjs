// Drives Debian's Firefox ESR for the Python tests (tests/browser/engine_pages.py) over
// WebDriver BiDi with puppeteer-core: no geckodriver, no browser download.
//
//   node firefox_bridge.mjs <proxy port> <download folder> <profile folder>
//
// Reads one JSON command per line on stdin ({id, op, ...}) and answers one JSON line per
// command on stdout ({id, value} or {id, error}). Every non-loopback request goes to the
// recording proxy on <proxy port> (tests/browser/outsideproxy.py), which refuses it.
import { createInterface } from 'node:readline';
import puppeteer from 'puppeteer-core';

const [proxyPort, downloads, profile] = process.argv.slice(2).map((arg, i) => (i === 0 ? Number(arg) : arg));
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

/** Firefox's preferences: the recording proxy for everything outside loopback, and none of
 * Firefox's own calls home (they would be counted against the page). */
const PREFS = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': proxyPort,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': proxyPort,
  'network.proxy.no_proxies_on': 'localhost,127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'network.proxy.share_proxy_settings': false,
  // Remote Settings polls its server at start: point it at a closed loopback port (honoured
  // in release builds only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1, set below)
  'services.settings.server': 'http://127.0.0.1:9/v1',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // "Download all my work" lands in the test's folder without a dialog
  'browser.download.folderList': 2,
  'browser.download.dir': downloads,
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.helperApps.neverAsk.saveToDisk': 'application/zip',
  // the downloads panel would open over the page and take the next keys (Ctrl+S) away from it
  'browser.download.alwaysOpenPanel': false,
  'browser.download.panel.shown': true
};

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: FIREFOX,
  headless: true,
  userDataDir: profile,
  extraPrefsFirefox: PREFS,
  env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  defaultViewport: { width: 1400, height: 1000 }
});
const page = await browser.newPage();
page.setDefaultTimeout(60_000);
const consoleLines = [];
page.on('console', m => consoleLines.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', e => consoleLines.push(`pageerror: ${e.message}`));

/** The frame commands run in: the page, or the iframe entered last. */
let frame = page.mainFrame();

/** Puppeteer's names for the keys of a chord like "Control+s". */
async function pressChord(chord) {
  const keys = chord.split('+');
  const last = keys.pop();
  for (const key of keys) {
    await page.keyboard.down(key);
  }
  await page.keyboard.press(last);
  for (const key of keys.reverse()) {
    await page.keyboard.up(key);
  }
}

const OPS = {
  async goto({ url }) {
    frame = page.mainFrame();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  },
  async navigate({ url }) {
    frame = page.mainFrame();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  },
  async reload() {
    frame = page.mainFrame();
    await page.reload({ waitUntil: 'load', timeout: 120_000 });
  },
  // `fn` is a function's source; its result (awaited) must be JSON
  async call({ fn, args }) {
    return frame.evaluate(`(${fn})(...${JSON.stringify(args)})`);
  },
  async click({ selector }) {
    await frame.click(selector);
  },
  async type({ text }) {
    await page.keyboard.type(text);
  },
  async press({ chord }) {
    await pressChord(chord);
  },
  async enterFrame({ selector }) {
    const handle = await frame.waitForSelector(selector);
    frame = await handle.contentFrame();
  },
  async leaveFrame() {
    frame = page.mainFrame();
  },
  async console() {
    return consoleLines.splice(0);
  },
  async version() {
    return browser.version();
  },
  async close() {
    await browser.close();
  }
};

const lines = createInterface({ input: process.stdin });
process.stdout.write(JSON.stringify({ ready: await browser.version() }) + '\n');
for await (const line of lines) {
  const { id, op, ...params } = JSON.parse(line);
  let answer;
  try {
    answer = { id, value: (await OPS[op](params)) ?? null };
  } catch (error) {
    answer = { id, error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
  if (op === 'close') {
    break;
  }
}
process.exit(0);
