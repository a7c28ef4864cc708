/**
 * Which course a backup zip belongs to: the small manifest every backup
 * carries (`litecourse-backup.json`), and, for zips without one, the course
 * id in the zip's name. Free of JupyterLab imports so it can be tested with
 * plain node.
 */

/** Name of the manifest at the top of every backup zip. */
export const MANIFEST_NAME = 'litecourse-backup.json';

/** What the manifest says about the backup. */
export interface IBackupManifest {
  format: 'litecourse-backup';
  courseId: string;
  title: string;
  version: string;
  /** When the backup was made (ISO 8601). */
  created: string;
}

/** The course the site runs (from its configuration). */
export interface ICourseIdentity {
  courseId: string;
  title: string;
  version: string;
}

/**
 * The manifest for a backup of `course` made at `date`, as the bytes to zip.
 *
 * Example: `JSON.parse(text(manifestBytes({courseId: 'a', ...}, d))).courseId` is `'a'`.
 */
export function manifestBytes(course: ICourseIdentity, date: Date): Uint8Array {
  const manifest: IBackupManifest = {
    format: 'litecourse-backup',
    courseId: course.courseId,
    title: course.title,
    version: course.version,
    created: date.toISOString()
  };
  return new TextEncoder().encode(JSON.stringify(manifest, null, 1) + '\n');
}

/**
 * The manifest in `bytes`, or `null` when they are not one of ours (a file of
 * the learner's that happens to have the same name is then restored as a file).
 */
export function parseManifest(bytes: Uint8Array): IBackupManifest | null {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const record = data as Record<string, unknown> | null;
  if (
    !record ||
    typeof record !== 'object' ||
    record.format !== 'litecourse-backup' ||
    typeof record.courseId !== 'string'
  ) {
    return null;
  }
  const text = (key: string): string =>
    typeof record[key] === 'string' ? (record[key] as string) : '';
  return {
    format: 'litecourse-backup',
    courseId: record.courseId,
    title: text('title'),
    version: text('version'),
    created: text('created')
  };
}

/**
 * The course id in a backup's file name, as `workZipName` writes it (browsers
 * add ` (1)` or `(1)` to a second download of the same name), or `null`.
 *
 * Example: `courseIdFromZipName('py101-work-2026-11-25 (1).zip')` is `'py101'`.
 */
export function courseIdFromZipName(name: string): string | null {
  const match = /^(.+)-work-\d{4}-\d\d-\d\d(?:\s*\(\d+\))?\.zip$/i.exec(
    name.trim()
  );
  return match ? match[1] : null;
}

/** Where a backup comes from, compared with the running course. */
export interface IBackupOrigin {
  /** Is it a backup of another course? */
  otherCourse: boolean;
  /** That course's id and title (title empty when only the name told us). */
  courseId: string;
  title: string;
  /** How we know: the manifest, the zip's name, or nothing (hand-made zip: taken as this course's). */
  source: 'manifest' | 'name' | 'none';
}

/**
 * Whose backup this is. The manifest decides; without one, a name made by
 * `workZipName` for another id does; a zip with neither is taken as this
 * course's (a learner may zip files by hand).
 */
export function backupOrigin(
  manifest: IBackupManifest | null,
  zipName: string,
  here: string
): IBackupOrigin {
  if (manifest) {
    return {
      otherCourse: manifest.courseId !== here,
      courseId: manifest.courseId,
      title: manifest.title,
      source: 'manifest'
    };
  }
  const fromName = courseIdFromZipName(zipName);
  if (
    fromName !== null &&
    fromName !== here &&
    !(here === '' && fromName === 'course')
  ) {
    return { otherCourse: true, courseId: fromName, title: '', source: 'name' };
  }
  return { otherCourse: false, courseId: here, title: '', source: 'none' };
}

/**
 * The folder another course's backup is restored into: its id, reduced to
 * characters safe in any file name.
 *
 * Example: `otherCourseFolder('intro/../py')` is `'from course intro-..-py'`.
 */
export function otherCourseFolder(courseId: string): string {
  const safe = courseId
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 60);
  return `from course ${safe || 'unknown'}`;
}
