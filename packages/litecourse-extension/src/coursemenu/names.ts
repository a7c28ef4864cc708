/**
 * Names the course menu gives to files: the backup zip, restored copies and
 * the learner's kept version before a reset. Free of JupyterLab imports.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` in local time. Example: `isoDay(new Date(2026, 10, 25))` is `'2026-11-25'`. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD HH-MM` in local time (no `:`, which some systems refuse in names). */
export function isoMinute(date: Date): string {
  return `${isoDay(date)} ${pad(date.getHours())}-${pad(date.getMinutes())}`;
}

/**
 * The backup zip's file name.
 *
 * Example: `workZipName('reading-code', new Date(2026, 10, 25))` is
 * `'reading-code-work-2026-11-25.zip'`.
 */
export function workZipName(courseId: string, date: Date): string {
  return `${courseId || 'course'}-work-${isoDay(date)}.zip`;
}

/**
 * `path` with `label` in brackets before its extension, numbered when taken.
 *
 * Example: `labelledName('a/b.ipynb', 'restored 2026-11-25', () => false)`
 * is `'a/b (restored 2026-11-25).ipynb'`; when that is taken,
 * `'a/b (restored 2026-11-25 2).ipynb'`.
 */
export function labelledName(
  path: string,
  label: string,
  taken: (candidate: string) => boolean
): string {
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? label : `${label} ${n}`;
    const candidate = `${folder}${stem} (${suffix})${ext}`;
    if (!taken(candidate)) {
      return candidate;
    }
  }
}

/** Name for a restored file whose path is taken by different content. */
export function restoredName(
  path: string,
  date: Date,
  taken: (candidate: string) => boolean
): string {
  return labelledName(path, `restored ${isoDay(date)}`, taken);
}

/** Name under which the learner's version is kept before a reset. */
export function myVersionName(
  path: string,
  date: Date,
  taken: (candidate: string) => boolean
): string {
  return labelledName(path, `my version ${isoMinute(date)}`, taken);
}
