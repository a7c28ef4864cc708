/**
 * Where "updated by your teacher" keeps its facts: the site's versions
 * manifest (fetched from the site's own origin) and the learner's records
 * (localStorage, under a key derived from the course's contents storage name,
 * so the home page can read them without JupyterLab).
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';

import {
  IUpdateRecords,
  noRecords,
  parseRecords,
  parseVersions,
  recordsKey,
  recordsText,
  Versions,
  VERSIONS_FILE
} from './versions';

/** The notebooks' versions this site ships, or `null` for a site without a manifest. */
export async function fetchVersions(): Promise<Versions | null> {
  try {
    const url = URLExt.join(PageConfig.getBaseUrl(), VERSIONS_FILE);
    // a new build replaces the file under the same name: ask the server each time
    const response = await fetch(url, { cache: 'no-cache' });
    return response.ok ? parseVersions(await response.json()) : null;
  } catch {
    return null;
  }
}

/** The learner's records of this course, read and written in one place. */
export class UpdateRecordsStore {
  private readonly key: string;

  constructor(contentsStorageName: string) {
    this.key = recordsKey(contentsStorageName);
  }

  /** The records as stored now (another tab may have written since). */
  read(): IUpdateRecords {
    try {
      return parseRecords(window.localStorage.getItem(this.key));
    } catch {
      // storage refused (a locked-down browser): no records, so nothing is ever flagged
      return noRecords();
    }
  }

  /** Read, change with `change`, write back; returns what was written. */
  update(change: (records: IUpdateRecords) => IUpdateRecords): IUpdateRecords {
    const before = this.read();
    const after = change(before);
    if (after !== before) {
      try {
        window.localStorage.setItem(this.key, recordsText(after));
      } catch (error) {
        console.warn(
          '[litecourse] could not remember notebook versions:',
          error
        );
      }
    }
    return after;
  }
}

/** The contents storage name of the running site (JupyterLite's `contentsStorageName`). */
export function contentsStorageName(): string {
  return PageConfig.getOption('contentsStorageName') || 'JupyterLite Storage';
}
