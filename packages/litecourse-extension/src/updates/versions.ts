/**
 * "Updated by your teacher": which notebooks a learner changed that a later
 * build ships in a new version. Free of JupyterLab imports (tested with node).
 *
 * Every site ships `litecourse-versions.json` = `{notebooks: {path: sha256}}`
 * (see `build_tools/versions.py`): versions are told apart by content, because
 * a fresh checkout gives every file a new date on every build. The page keeps,
 * per path, the version the learner's copy started from (`bases`, written at
 * their first save) and the new version they already heard about (`seen`).
 */
import { isoDay, labelledName } from '../coursemenu/names';

/** The shipped version of each course notebook: path → sha256 of its content. */
export type Versions = ReadonlyMap<string, string>;

/** What the page remembers for this learner, per path. */
export interface IUpdateRecords {
  /** the shipped version the learner's copy started from */
  bases: Record<string, string>;
  /** the new version the learner has been told about (notice answered) */
  seen: Record<string, string>;
}

/** The file every site ships at its root. */
export const VERSIONS_FILE = 'litecourse-versions.json';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The notebooks' versions from the manifest's parsed JSON, or `null` when it
 * is not a manifest (an older site, a broken file): nothing is flagged then.
 *
 * Example: `parseVersions({notebooks: {'a.ipynb': '<64 hex>'}})` maps `a.ipynb`.
 */
export function parseVersions(data: unknown): Versions | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return null;
  }
  const notebooks = (data as { notebooks?: unknown }).notebooks;
  if (
    notebooks === null ||
    typeof notebooks !== 'object' ||
    Array.isArray(notebooks)
  ) {
    return null;
  }
  const versions = new Map<string, string>();
  for (const [path, hash] of Object.entries(notebooks)) {
    if (typeof hash === 'string' && SHA256.test(hash) && path) {
      versions.set(path, hash);
    }
  }
  return versions;
}

/** A map of path → hash from stored JSON, keeping only well-formed entries. */
function hashes(value: unknown): Record<string, string> {
  // a null prototype: a path called `__proto__` is a key like any other
  const out: Record<string, string> = Object.create(null);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [path, hash] of Object.entries(value)) {
      if (typeof hash === 'string' && SHA256.test(hash)) {
        out[path] = hash;
      }
    }
  }
  return out;
}

/** The hash recorded for `path`, never one inherited from `Object.prototype`. */
function recorded(
  record: Record<string, string>,
  path: string
): string | undefined {
  return Object.prototype.hasOwnProperty.call(record, path)
    ? record[path]
    : undefined;
}

/** No records yet. */
export function noRecords(): IUpdateRecords {
  return { bases: hashes(null), seen: hashes(null) };
}

/**
 * The records stored as text, or none when the text is missing or damaged
 * (forgetting means never flagging, never a false alarm).
 */
export function parseRecords(text: string | null): IUpdateRecords {
  if (!text) {
    return noRecords();
  }
  try {
    const data = JSON.parse(text) as { bases?: unknown; seen?: unknown };
    return { bases: hashes(data?.bases), seen: hashes(data?.seen) };
  } catch {
    return noRecords();
  }
}

/** The records as text to store. */
export function recordsText(records: IUpdateRecords): string {
  return JSON.stringify({
    bases: { ...records.bases },
    seen: { ...records.seen }
  });
}

/**
 * Where the records are kept (localStorage of the site's origin), next to the
 * learner's files: derived from the course's contents storage name, so two
 * courses on one origin keep theirs apart.
 *
 * Example: `recordsKey('litecourse-demo-contents')` is `'litecourse-demo-contents-versions'`.
 */
export function recordsKey(contentsStorageName: string): string {
  return `${contentsStorageName}-versions`;
}

/**
 * Records after the learner saved `path`: the first save of a course notebook
 * remembers the shipped version their copy started from. Later saves keep it,
 * and files that are not course notebooks are not recorded.
 */
export function afterSave(
  records: IUpdateRecords,
  path: string,
  versions: Versions
): IUpdateRecords {
  const shipped = versions.get(path);
  if (!shipped || recorded(records.bases, path) !== undefined) {
    return records;
  }
  return { ...records, bases: { ...records.bases, [path]: shipped } };
}

/** `record` without `path` and everything under it (a deleted folder). */
function without(
  record: Record<string, string>,
  path: string
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [p, hash] of Object.entries(record)) {
    if (p !== path && !p.startsWith(`${path}/`)) {
      out[p] = hash;
    }
  }
  return out;
}

/**
 * Records after the learner's copy at `path` is gone (deleted, reset to the
 * course version, renamed away, or its folder cleared): the course version
 * shows there again, so there is nothing to tell about it.
 */
export function afterRemoval(
  records: IUpdateRecords,
  path: string
): IUpdateRecords {
  if (path === '') {
    return noRecords();
  }
  return {
    bases: without(records.bases, path),
    seen: without(records.seen, path)
  };
}

/** Records after the learner answered the notice for the version now shipped. */
export function afterSeen(
  records: IUpdateRecords,
  path: string,
  versions: Versions
): IUpdateRecords {
  const shipped = versions.get(path);
  return shipped
    ? { ...records, seen: { ...records.seen, [path]: shipped } }
    : records;
}

/**
 * Records after the learner's copy turned out to hold the version now shipped
 * (say, restored from a backup of it): it starts from that version now.
 */
export function afterCaughtUp(
  records: IUpdateRecords,
  path: string,
  versions: Versions
): IUpdateRecords {
  const shipped = versions.get(path);
  if (!shipped) {
    return records;
  }
  const seen: Record<string, string> = Object.create(null);
  Object.entries(records.seen).forEach(
    ([p, hash]) => p !== path && (seen[p] = hash)
  );
  return { bases: { ...records.bases, [path]: shipped }, seen };
}

/**
 * What to tell about `path`:
 * - `'updated'`: the learner's copy started from another version than the
 *   one now shipped, and they have not been told about this one;
 * - `'seen'`: so, but they answered the notice for this version;
 * - `'none'`: no record (never saved, or saved before sites recorded versions),
 *   not a course notebook any more, or started from this version.
 *
 * Example: base `A`, shipped `B`, nothing seen → `'updated'`.
 */
export function updateState(
  path: string,
  versions: Versions,
  records: IUpdateRecords
): 'updated' | 'seen' | 'none' {
  const shipped = versions.get(path);
  const base = recorded(records.bases, path);
  if (!shipped || !base || base === shipped) {
    return 'none';
  }
  return recorded(records.seen, path) === shipped ? 'seen' : 'updated';
}

/** The course notebooks updated by the teacher since the learner changed them, sorted. */
export function updatedSinceChanged(
  versions: Versions,
  records: IUpdateRecords
): string[] {
  return [...versions.keys()]
    .filter(path => updateState(path, versions, records) !== 'none')
    .sort();
}

/**
 * Name of the copy of the new course version opened beside the learner's.
 *
 * Example: `courseVersionName('welcome.ipynb', new Date(2026, 10, 27), () => false)`
 * is `'welcome (course version 2026-11-27).ipynb'`.
 */
export function courseVersionName(
  path: string,
  date: Date,
  taken: (candidate: string) => boolean
): string {
  return labelledName(path, `course version ${isoDay(date)}`, taken);
}
