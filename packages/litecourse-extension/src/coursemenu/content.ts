/**
 * File contents as bytes, and back: how the course menu turns a contents
 * model into the bytes it zips, compares and restores. Free of JupyterLab
 * imports so it can be tested with plain node.
 */

/** The parts of a Jupyter contents model this module reads. */
export interface IContentModel {
  type: string;
  format: string | null;
  content: unknown;
}

/** What to pass to `contents.save` to store `bytes` at a path. */
export interface ISaveModel {
  type: 'notebook' | 'file';
  format: 'json' | 'text' | 'base64';
  content: unknown;
}

const encoder = new TextEncoder();

/** Bytes as base64, in chunks (a spread of a large array overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** base64 as bytes. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/**
 * The bytes of a file's contents model: notebooks and other JSON as JSON
 * with one-space indent and a final newline (as Jupyter writes notebooks),
 * text as UTF-8, base64 decoded.
 *
 * Example: `modelToBytes({type: 'file', format: 'text', content: 'hi'})`
 * is the two bytes of `hi`.
 */
export function modelToBytes(model: IContentModel): Uint8Array {
  switch (model.format) {
    case 'json':
      return encoder.encode(JSON.stringify(model.content, null, 1) + '\n');
    case 'base64':
      return base64ToBytes(String(model.content ?? ''));
    default:
      return encoder.encode(String(model.content ?? ''));
  }
}

/** UTF-8 text of `bytes`, or `null` when they are not text. */
export function utf8Text(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) {
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bytes
    );
  } catch {
    return null;
  }
}

/**
 * How to store `bytes` found at `path` in a zip: notebooks as JSON (so they
 * open as notebooks), other text as text, anything else as base64. Storing
 * then `modelToBytes` gives the same bytes back for any file this extension
 * zipped.
 */
export function bytesToSaveModel(path: string, bytes: Uint8Array): ISaveModel {
  const text = utf8Text(bytes);
  if (text !== null && path.toLowerCase().endsWith('.ipynb')) {
    try {
      return { type: 'notebook', format: 'json', content: JSON.parse(text) };
    } catch {
      // not a readable notebook: keep its bytes as they are
    }
  }
  if (text !== null) {
    return { type: 'file', format: 'text', content: text };
  }
  return { type: 'file', format: 'base64', content: bytesToBase64(bytes) };
}

/** JSON with object keys sorted, so equal data gives equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]])
        )
      : v
  );
}

/**
 * A notebook's data without differences of form: multi-line strings stored
 * as lists of lines are joined (nbformat allows both, JupyterLab writes
 * strings), and `metadata.language_info` (filled in by the kernel when it
 * starts) is left out.
 *
 * Example: `{source: ['a\n', 'b']}` and `{source: 'a\nb'}` normalise alike.
 */
export function normalNotebook(value: unknown): unknown {
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) {
      const multiline =
        (key === 'source' || key === 'text' || key.includes('/')) &&
        v.every(x => typeof x === 'string');
      return multiline ? v.join('') : v.map(x => walk(x, ''));
    }
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, walk(x, k)])
      );
    }
    return v;
  };
  const nb = walk(value, '') as Record<string, unknown>;
  if (nb && typeof nb.metadata === 'object' && nb.metadata !== null) {
    const { language_info: _ignored, ...metadata } = nb.metadata as Record<
      string,
      unknown
    >;
    nb.metadata = metadata;
  }
  return nb;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Do two versions of the file at `path` hold the same content?
 *
 * Bytes decide; `.json` files are also equal when they hold the same data in
 * another layout, notebooks when they hold the same cells and metadata (see
 * `normalNotebook`): a notebook JupyterLab saved unchanged is not changed.
 *
 * Example: `sameContent('a.json', bytes('{"a": 1}'), bytes('{"a":1}'))` is true.
 */
export function sameContent(
  path: string,
  a: Uint8Array,
  b: Uint8Array
): boolean {
  if (sameBytes(a, b)) {
    return true;
  }
  if (!/\.(ipynb|json)$/i.test(path)) {
    return false;
  }
  const ta = utf8Text(a);
  const tb = utf8Text(b);
  if (ta === null || tb === null) {
    return false;
  }
  const norm = /\.ipynb$/i.test(path) ? normalNotebook : (v: unknown) => v;
  try {
    return (
      canonicalJson(norm(JSON.parse(ta))) ===
      canonicalJson(norm(JSON.parse(tb)))
    );
  } catch {
    return false;
  }
}
