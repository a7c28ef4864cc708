/**
 * A zip's central directory, read without inflating anything: names, sizes
 * and where each entry's data lies. Free of JupyterLab imports so it can be
 * tested with plain node.
 *
 * Why our own reader: fflate's `unzipSync` inflates every entry before we can
 * look at sizes (a 1 MB zip bomb becomes 1 GB in memory first), and it
 * returns a plain object keyed by name, so a repeated name or `__proto__`
 * silently loses entries. Reading the directory first lets the restore
 * refuse a bomb in milliseconds and list every entry it will not restore.
 */

/** One entry of the central directory. */
export interface IZipEntry {
  /** The name as stored (UTF-8 when the zip says so, else Latin-1, as fflate reads it). */
  name: string;
  /** 0 = stored, 8 = deflated; anything else cannot be restored. */
  method: number;
  /** Is the entry encrypted (flag bit 0)? */
  encrypted: boolean;
  /** Size of the stored (compressed) data. */
  compressedSize: number;
  /** Size once inflated, as the directory declares it. */
  size: number;
  /** CRC-32 of the inflated data, as declared. */
  crc: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;

const u16 = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number): number =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

function decodeName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) {
    return new TextDecoder('utf-8').decode(raw);
  }
  let text = '';
  for (const byte of raw) {
    text += String.fromCharCode(byte);
  }
  return text;
}

/**
 * The entries of a zip's central directory, or a message (plain words) saying
 * why the zip cannot be read.
 *
 * Example: for a zip made with Python's `zipfile` holding `a.txt` (5 bytes),
 * `readZipDirectory(bytes)` is `[{name: 'a.txt', size: 5, ...}]`.
 */
export function readZipDirectory(bytes: Uint8Array): IZipEntry[] | string {
  // the end record is in the last 22 bytes plus up to 64 KB of comment
  let end = -1;
  for (
    let i = bytes.length - 22;
    i >= Math.max(0, bytes.length - 22 - 0xffff);
    i--
  ) {
    if (u32(bytes, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    return 'its list of files (the central directory) is missing, so it is damaged or incomplete';
  }
  const count = u16(bytes, end + 10);
  const dirSize = u32(bytes, end + 12);
  const dirOffset = u32(bytes, end + 16);
  if (
    (end >= 20 && u32(bytes, end - 20) === ZIP64_LOCATOR) ||
    count === 0xffff ||
    dirOffset === 0xffffffff
  ) {
    // ZIP64 is only needed beyond 4 GB or 65,535 files, far past what a restore accepts
    return 'it is a ZIP64 archive (over 4 GB or 65,535 files), far more than a course backup holds';
  }
  if (dirOffset + dirSize > end) {
    return 'its list of files points outside the file, so it is damaged or incomplete';
  }
  const entries: IZipEntry[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) {
      return 'its list of files is damaged';
    }
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength > end) {
      return 'its list of files is damaged';
    }
    entries.push({
      name: decodeName(
        bytes.subarray(at + 46, at + 46 + nameLength),
        (flags & 0x800) !== 0
      ),
      method: u16(bytes, at + 10),
      encrypted: (flags & 1) !== 0,
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42)
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The stored (still compressed) bytes of `entry`, found through its local
 * header, or a message when they are not where the directory says.
 */
export function entryData(
  bytes: Uint8Array,
  entry: IZipEntry
): Uint8Array | string {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) {
    return `the data of "${entry.name}" is missing`;
  }
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) {
    return `the data of "${entry.name}" is cut short`;
  }
  return bytes.subarray(start, start + entry.compressedSize);
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (as zip uses) of `bytes`. Example: `crc32(bytes('hello'))` is `0x3610a686`. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
