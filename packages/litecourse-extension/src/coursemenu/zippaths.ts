/**
 * Which paths inside a learner's zip may be restored. Free of JupyterLab
 * imports so it can be tested with plain node.
 *
 * A path is safe when it stays inside the course folder: relative, no `..`
 * or `.` segment, no drive letter, no empty segment.
 */

/**
 * The course-relative path of a zip entry, or `null` when it would leave the
 * course (absolute, `..`, drive letter) or is otherwise unusable.
 *
 * Backslashes count as separators (zips made on Windows use them). A trailing
 * `/` marks a folder and is kept.
 *
 * Example: `safeZipPath('notes/a.py')` is `'notes/a.py'`;
 * `safeZipPath('../evil.py')` and `safeZipPath('/etc/passwd')` are `null`.
 */
export function safeZipPath(name: string): string | null {
  const unified = name.replace(/\\/g, '/');
  if (unified === '' || unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) {
    return null;
  }
  const isFolder = unified.endsWith('/');
  const parts = (isFolder ? unified.slice(0, -1) : unified).split('/');
  for (const part of parts) {
    if (part === '' || part === '.' || part === '..' || part.includes('\0')) {
      return null;
    }
  }
  return isFolder ? `${parts.join('/')}/` : parts.join('/');
}

/** Zip entry names that `safeZipPath` refuses, in zip order. */
export function unsafeZipPaths(names: readonly string[]): string[] {
  return names.filter(name => safeZipPath(name) === null);
}

/** Does this look like a zip file (local-file or empty-archive signature)? */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) ||
      (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}
