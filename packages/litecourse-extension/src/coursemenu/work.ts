/**
 * The learner's files as the course menu sees them: the course's shipped
 * files (listed in `api/contents/.../all.json`, served from `files/`) and the
 * merged view of the contents manager (browser storage over shipped files).
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { Contents } from '@jupyterlab/services';

import { modelToBytes, sameContent } from './content';

/** Every path of a tree, split into files and folders. */
export interface ITree {
  files: string[];
  folders: string[];
}

/** One file of the learner's work. */
export interface IWorkFile {
  path: string;
  bytes: Uint8Array;
}

/** The course's shipped files and folders (from the site's `all.json` listings). */
export async function shippedTree(): Promise<ITree> {
  const tree: ITree = { files: [], folders: [] };
  const walk = async (dir: string): Promise<void> => {
    const url = URLExt.join(
      PageConfig.getBaseUrl(),
      'api/contents',
      dir,
      'all.json'
    );
    const response = await fetch(url);
    if (!response.ok) {
      return;
    }
    const listing = (await response.json()) as {
      content?: { path: string; type: string }[];
    };
    for (const item of listing.content ?? []) {
      if (item.type === 'directory') {
        tree.folders.push(item.path);
        await walk(item.path);
      } else {
        tree.files.push(item.path);
      }
    }
  };
  await walk('');
  return tree;
}

/** The bytes of a shipped course file, or `null` when the course has none there. */
export async function shippedBytes(path: string): Promise<Uint8Array | null> {
  const url = URLExt.join(
    PageConfig.getBaseUrl(),
    'files',
    URLExt.encodeParts(path)
  );
  const response = await fetch(url, { cache: 'no-cache' });
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
}

/** Every file and folder the learner sees (their storage over the shipped files). */
export async function learnerTree(contents: Contents.IManager): Promise<ITree> {
  const tree: ITree = { files: [], folders: [] };
  const walk = async (dir: string): Promise<void> => {
    const listing = await contents.get(dir, { content: true });
    for (const item of (listing.content ?? []) as Contents.IModel[]) {
      if (item.type === 'directory') {
        tree.folders.push(item.path);
        await walk(item.path);
      } else {
        tree.files.push(item.path);
      }
    }
  };
  await walk('');
  return tree;
}

/** The bytes the learner sees at `path`. */
export async function learnerBytes(
  contents: Contents.IManager,
  path: string
): Promise<Uint8Array> {
  return modelToBytes(await contents.get(path, { content: true }));
}

/**
 * The learner's work: every file they created or whose content differs from
 * the course's shipped version, and the folders they created.
 */
export async function learnerWork(
  contents: Contents.IManager
): Promise<{ files: IWorkFile[]; folders: string[] }> {
  const [mine, shipped] = await Promise.all([
    learnerTree(contents),
    shippedTree()
  ]);
  const shippedFiles = new Set(shipped.files);
  const shippedFolders = new Set(shipped.folders);
  const files: IWorkFile[] = [];
  for (const path of mine.files) {
    const bytes = await learnerBytes(contents, path);
    if (shippedFiles.has(path)) {
      const course = await shippedBytes(path);
      if (course && sameContent(path, course, bytes)) {
        continue;
      }
    }
    files.push({ path, bytes });
  }
  const folders = mine.folders.filter(f => !shippedFolders.has(f));
  return { files, folders };
}
