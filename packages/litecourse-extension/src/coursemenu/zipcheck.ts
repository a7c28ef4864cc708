/**
 * What in a zip can be restored, decided from its central directory before
 * anything is inflated: safe paths, the manifest, names given twice, names
 * the browser store cannot keep, and the total size. Free of JupyterLab
 * imports so it can be tested with plain node.
 */
import { MANIFEST_NAME } from './backupmanifest';
import { RESTORE_CAP_FILES } from './storagewords';
import { IZipEntry } from './zipdirectory';
import { safeZipPath, unsafeZipPaths } from './zippaths';

/** An entry that is listed, not restored, and why. */
export interface IUnrestorable {
  name: string;
  why: string;
}

/** The zip's entries sorted by what the restore does with them. */
export interface IZipContents {
  /** Files to inflate and restore, at their course-relative path. */
  files: { entry: IZipEntry; path: string }[];
  /** Folders the zip lists (course-relative, no trailing slash). */
  folders: string[];
  /** The backup manifest entry, if the zip has one at its top. */
  manifest: IZipEntry | null;
  /** Paths the zip holds more than once (every copy is restored; later ones renamed). */
  duplicates: string[];
  /** Entries that cannot be restored, with the reason. */
  unrestorable: IUnrestorable[];
  /** Bytes the files take once inflated (declared by the directory). */
  need: number;
}

/**
 * Why the browser store cannot keep a file at `path` under that name, or
 * `null` when it can.
 *
 * JupyterLite's store reads names as parts of a web address: a `%` starts an
 * escape (`a%2Fb` becomes a folder, a lone `%` is refused) and control
 * characters are dropped (`a\u0007b.txt` is saved as `ab.txt`). Either way
 * the file would not come back under its name, so it is listed instead.
 * (Names like `__proto__` or `constructor` are stored fine.)
 *
 * Example: `unstorableName('a/100%.txt')` is a reason; `unstorableName('a/__proto__')` is `null`.
 */
export function unstorableName(path: string): string | null {
  if (path.includes('%')) {
    return 'the browser store reads "%" in a name as a web-address escape, so it cannot keep this name';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    return 'the name holds control characters, which the browser store drops';
  }
  return null;
}

/**
 * Sort `entries` (from `readZipDirectory`) for a restore, or return the
 * message saying why the whole zip is refused (it reaches outside the course,
 * or holds more files than a restore accepts).
 *
 * Example: entries `a.txt`, `a.txt`, `100%.txt` give one duplicate (`a.txt`,
 * both copies in `files`) and one unrestorable (`100%.txt`).
 */
export function checkZipEntries(
  zipName: string,
  entries: readonly IZipEntry[],
  maxFiles: number = RESTORE_CAP_FILES
): IZipContents | string {
  const unsafe = unsafeZipPaths(entries.map(e => e.name));
  if (unsafe.length > 0) {
    return (
      `"${zipName}" holds files outside the course (${unsafe.slice(0, 5).join(', ')}), ` +
      'so nothing was restored. Only zips of course files can be restored.'
    );
  }
  if (entries.length > maxFiles) {
    return (
      `"${zipName}" holds ${entries.length.toLocaleString('en')} entries, more than the ` +
      `${maxFiles.toLocaleString('en')} a restore accepts, so nothing was restored. A course backup is never this big: this zip may not be one.`
    );
  }
  const out: IZipContents = {
    files: [],
    folders: [],
    manifest: null,
    duplicates: [],
    unrestorable: [],
    need: 0
  };
  const seen = new Set<string>();
  const folders = new Set<string>();
  for (const entry of entries) {
    const path = safeZipPath(entry.name) as string;
    if (path.endsWith('/')) {
      const folder = path.slice(0, -1);
      const why = unstorableName(folder);
      if (why) {
        out.unrestorable.push({ name: entry.name, why });
      } else if (!folders.has(folder)) {
        folders.add(folder);
        out.folders.push(folder);
      }
      continue;
    }
    if (path === MANIFEST_NAME && out.manifest === null) {
      out.manifest = entry;
      continue;
    }
    const why =
      unstorableName(path) ??
      (entry.encrypted
        ? 'it is password-protected'
        : entry.method !== 0 && entry.method !== 8
          ? 'it is packed in a way this restore cannot unpack'
          : null);
    if (why) {
      out.unrestorable.push({ name: entry.name, why });
      continue;
    }
    if (seen.has(path) && !out.duplicates.includes(path)) {
      out.duplicates.push(path);
    }
    seen.add(path);
    out.files.push({ entry, path });
    out.need += entry.size;
  }
  return out;
}
