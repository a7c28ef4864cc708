/**
 * What restoring a zip will do, decided before anything is written. Free of
 * JupyterLab imports so it can be tested with plain node.
 *
 * Nothing of the learner's is ever overwritten: a file already there with the
 * same content is left alone, one with different content is kept and the
 * restored file is written beside it under a new name. Only a course file the
 * learner never changed is replaced (its course version stays available
 * through "Reset this notebook").
 */
import { restoredName } from './names';
import { sameContent } from './content';

/** A file from the zip, at its (already checked) course-relative path. */
export interface IZipFile {
  path: string;
  bytes: Uint8Array;
}

/** The plan: folders to create, files to write, files left as they are. */
export interface IRestorePlan {
  /** Folders to create, parents first. */
  folders: string[];
  /** Files to write: `from` is the path in the zip, `to` where it goes. */
  writes: { from: string; to: string; bytes: Uint8Array }[];
  /** Zip paths whose file is already here with the same content. */
  unchanged: string[];
  /** Zip paths that cannot go back because a file sits where a folder must be. */
  blocked: string[];
}

/** What is already in the learner's files. */
export interface IExisting {
  /** Every path there (files and folders). */
  kind: (path: string) => 'file' | 'directory' | null;
  /** The bytes of a file there (only asked for paths whose kind is 'file'). */
  bytes: (path: string) => Uint8Array;
  /** Is the file there the course's own, unchanged version? */
  pristine: (path: string) => boolean;
}

function parents(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Plan the restore of `files` (and empty `folders`) onto `existing`.
 *
 * Example: restoring `a.py` onto a different `a.py` plans a write to
 * `a (restored 2026-11-25).py`.
 */
export function planRestore(
  files: readonly IZipFile[],
  folders: readonly string[],
  existing: IExisting,
  date: Date
): IRestorePlan {
  const plan: IRestorePlan = {
    folders: [],
    writes: [],
    unchanged: [],
    blocked: []
  };
  const planned = new Set<string>();
  const taken = (p: string): boolean =>
    existing.kind(p) !== null || planned.has(p);
  const needFolder = (folder: string): boolean => {
    const kind = existing.kind(folder);
    if (kind === 'file') {
      return false;
    }
    if (kind === null && !planned.has(folder)) {
      planned.add(folder);
      plan.folders.push(folder);
    }
    return true;
  };
  for (const folder of folders) {
    if (!parents(folder).concat([folder]).every(needFolder)) {
      plan.blocked.push(folder);
    }
  }
  for (const file of files) {
    if (!parents(file.path).every(p => existing.kind(p) !== 'file')) {
      plan.blocked.push(file.path);
      continue;
    }
    parents(file.path).forEach(needFolder);
    const kind = existing.kind(file.path);
    if (
      kind === 'file' &&
      sameContent(file.path, existing.bytes(file.path), file.bytes)
    ) {
      plan.unchanged.push(file.path);
      continue;
    }
    const free =
      (kind === null || (kind === 'file' && existing.pristine(file.path))) &&
      !planned.has(file.path);
    const to = free ? file.path : restoredName(file.path, date, taken);
    planned.add(to);
    plan.writes.push({ from: file.path, to, bytes: file.bytes });
  }
  return plan;
}
