// Restoring hostile zips and running out of storage: the pure parts
// (src/coursemenu/{zipdirectory,zipcheck,backupmanifest,storagewords}.ts),
// compiled to CommonJS by test_coursemenu_logic.py and run with plain node.
// Zips are written byte by byte here, so names and sizes can lie as a hostile zip does.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const lib = process.env.COURSEMENU_LIB;
const { readZipDirectory, entryData, crc32 } = require(`${lib}/zipdirectory.js`);
const { checkZipEntries, unstorableName } = require(`${lib}/zipcheck.js`);
const { manifestBytes, parseManifest, courseIdFromZipName, backupOrigin, otherCourseFolder } = require(`${lib}/backupmanifest.js`);
const { formatBytes, tooBigToRestore, storageFullMessage, saveFailedForSpace, availableBytes } = require(`${lib}/storagewords.js`);

const bytes = text => new TextEncoder().encode(text);

/** A zip of `[name, data, {method, size}]` entries; `size` may lie about the inflated size. */
function makeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data, opts = {}] of entries) {
    const method = opts.method ?? 0;
    const stored = method === 8 ? new Uint8Array(zlib.deflateRawSync(data)) : data;
    const nameBytes = bytes(name);
    const size = opts.size ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, stored);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + stored.length;
  }
  const dirSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

test('the central directory gives names, sizes and data without inflating', () => {
  const zip = makeZip([['notes/a.txt', bytes('hello')], ['b.bin', new Uint8Array(1000), { method: 8 }]]);
  const entries = readZipDirectory(zip);
  assert.deepEqual(entries.map(e => [e.name, e.size, e.method]), [['notes/a.txt', 5, 0], ['b.bin', 1000, 8]]);
  assert.deepEqual(new TextDecoder().decode(entryData(zip, entries[0])), 'hello');
  assert.equal(crc32(bytes('hello')), 0x3610a686);
});

test('a zip bomb is measured from its directory in milliseconds, before any inflating', () => {
  const bomb = makeZip([['bomb.bin', new Uint8Array(50_000_000), { method: 8 }]]);
  assert.ok(bomb.length < 100_000, `${bomb.length}`);
  const started = performance.now();
  const checked = checkZipEntries('bomb.zip', readZipDirectory(bomb));
  console.log(`directory of a ${bomb.length}-byte zip declaring 50 MB read in ${(performance.now() - started).toFixed(1)} ms`);
  assert.equal(checked.need, 50_000_000);
});

test('a truncated or corrupt zip is refused with plain words', () => {
  const zip = makeZip([['a.txt', bytes('hello')]]);
  assert.match(readZipDirectory(zip.subarray(0, zip.length - 10)), /damaged or incomplete/);
  const broken = zip.slice();
  broken[broken.length - 22 + 16] = 0xff; // directory offset past the end
  assert.match(readZipDirectory(broken), /damaged/);
});

test('names given twice are all kept and listed; __proto__ is kept; names the store would change are listed, not dropped', () => {
  const zip = makeZip([
    ['a.txt', bytes('first')],
    ['a.txt', bytes('second')],
    ['a\\b.txt', bytes('win')],
    ['a/b.txt', bytes('unix')],
    ['__proto__', bytes('p')],
    ['x/__proto__/y.txt', bytes('q')],
    ['bell\u0007.txt', bytes('r')],
    ['100%.txt', bytes('s')],
    ['ok.txt', bytes('fine')]
  ]);
  const checked = checkZipEntries('dupes.zip', readZipDirectory(zip));
  assert.deepEqual(checked.files.map(f => f.path), ['a.txt', 'a.txt', 'a/b.txt', 'a/b.txt', '__proto__', 'x/__proto__/y.txt', 'ok.txt']);
  assert.deepEqual(checked.duplicates, ['a.txt', 'a/b.txt']);
  assert.deepEqual(checked.unrestorable.map(u => u.name), ['bell\u0007.txt', '100%.txt']);
  assert.match(checked.unrestorable[0].why, /control characters/);
  assert.match(checked.unrestorable[1].why, /web-address escape/);
  assert.equal(unstorableName('notes/ok.py'), null);
  assert.equal(unstorableName('constructor'), null);
});

test('paths leaving the course and too many entries refuse the whole zip', () => {
  const outside = checkZipEntries('evil.zip', readZipDirectory(makeZip([['ok.txt', bytes('a')], ['../evil.py', bytes('b')]])));
  assert.match(outside, /outside the course \(\.\.\/evil\.py\)/);
  const many = makeZip(Array.from({ length: 12 }, (_, i) => [`f${i}.txt`, bytes('x')]));
  assert.match(checkZipEntries('many.zip', readZipDirectory(many), 10), /holds 12 entries, more than the 10/);
});

test('encrypted entries and unknown packing are listed as not restored', () => {
  const zip = makeZip([['a.txt', bytes('a'), { method: 12 }]]);
  const checked = checkZipEntries('odd.zip', readZipDirectory(zip));
  assert.deepEqual(checked.unrestorable.map(u => u.name), ['a.txt']);
  assert.match(checked.unrestorable[0].why, /cannot unpack/);
});

test('every backup names its course; a backup of another course is known by manifest or name', () => {
  const manifest = parseManifest(manifestBytes({ courseId: 'py101', title: 'Python 101', version: '2' }, new Date('2026-11-25T10:00:00Z')));
  assert.deepEqual(
    { id: manifest.courseId, title: manifest.title, version: manifest.version, created: manifest.created },
    { id: 'py101', title: 'Python 101', version: '2', created: '2026-11-25T10:00:00.000Z' }
  );
  assert.equal(parseManifest(bytes('{"courseId": "x"}')), null, 'a learner file of that name is not a manifest');
  assert.equal(parseManifest(bytes('not json')), null);
  assert.equal(backupOrigin(manifest, 'whatever.zip', 'reading-code').otherCourse, true);
  assert.equal(backupOrigin(manifest, 'reading-code-work-2026-11-25.zip', 'py101').otherCourse, false, 'the manifest decides');
  assert.equal(courseIdFromZipName('py101-work-2026-11-25 (1).zip'), 'py101');
  assert.equal(courseIdFromZipName('my-files.zip'), null);
  assert.deepEqual(backupOrigin(null, 'py101-work-2026-11-25.zip', 'reading-code'), { otherCourse: true, courseId: 'py101', title: '', source: 'name' });
  assert.equal(backupOrigin(null, 'reading-code-work-2026-11-25.zip', 'reading-code').otherCourse, false);
  assert.equal(backupOrigin(null, 'backup.zip', 'reading-code').otherCourse, false, 'a hand-made zip is taken as this course\'s');
  assert.equal(otherCourseFolder('py101'), 'from course py101');
  assert.equal(otherCourseFolder('../../x/<y>'), 'from course x-y');
  assert.equal(otherCourseFolder('///'), 'from course unknown');
});

test('sizes in plain words, and a backup bigger than the space left or the cap is refused', () => {
  assert.equal(formatBytes(1_000_000_000), '1.0 GB');
  assert.equal(formatBytes(300_000_000), '300 MB');
  assert.equal(formatBytes(4_500), '4.5 KB');
  assert.equal(formatBytes(1), '1 byte');
  assert.equal(availableBytes({ usage: 1e6, quota: 3e8 + 1e6 }), 3e8);
  assert.equal(availableBytes({}), null);
  assert.match(tooBigToRestore(1e9, 3e8), /^This backup would need 1\.0 GB once unpacked, but the browser lets this course use only 300 MB more, so nothing was restored\./);
  assert.match(tooBigToRestore(1e9, 1e12), /at most 250 MB/);
  assert.match(tooBigToRestore(3e8, 1e12), /at most 250 MB/);
  assert.match(tooBigToRestore(1e9, null), /at most 250 MB/);
  assert.equal(tooBigToRestore(1e6, 3e8), null);
  assert.equal(tooBigToRestore(1e6, null), null);
});

test('a save that fails for space is explained: usage, quota and what to do', () => {
  const text = storageFullMessage('important.ipynb', { usage: 3_990_000, quota: 4_000_000 });
  assert.match(text, /"important\.ipynb" could not be saved/);
  assert.match(text, /uses 4\.0 MB of the 4\.0 MB/);
  assert.match(text, /Course › Download all my work/);
  assert.match(text, /delete large files/);
  const disk = storageFullMessage('a.ipynb', { usage: 223_000, quota: 10e9 }, 5_000_000);
  assert.match(disk, /uses 223 KB; the browser refused more, so your computer's disk may be nearly full/);
  assert.match(storageFullMessage('a.ipynb', null), /could not be saved: the storage this browser gives the course is full\. Whatever/);
  assert.ok(saveFailedForSpace(new DOMException('quota', 'QuotaExceededError'), 10, null));
  assert.ok(saveFailedForSpace(new Error(''), 10, { usage: 3_999_000, quota: 4_000_000 }), 'an empty error with no room left');
  assert.ok(!saveFailedForSpace(new Error('network down'), 10, { usage: 1, quota: 4_000_000 }));
});
