/**
 * The four course-menu actions: download, restore, reset, clear. Each asks
 * before it removes anything and tells the learner what happened.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { JupyterFrontEnd } from '@jupyterlab/application';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';

import {
  backupOrigin,
  IBackupManifest,
  IBackupOrigin,
  ICourseIdentity,
  MANIFEST_NAME,
  manifestBytes,
  otherCourseFolder,
  parseManifest
} from './backupmanifest';
import { bytesToSaveModel, modelToBytes, sameContent } from './content';
import { myVersionName, workZipName } from './names';
import { IRestorePlan, IZipFile, planRestore } from './restoreplan';
import {
  availableBytes,
  isStorageFull,
  IStorageEstimate,
  tooBigToRestore
} from './storagewords';
import { loadZipLibrary, ZipLibrary } from './zip-library';
import { learnerBytes, learnerTree, learnerWork, shippedBytes } from './work';
import { checkZipEntries, IUnrestorable } from './zipcheck';
import { crc32, entryData, IZipEntry, readZipDirectory } from './zipdirectory';
import { looksLikeZip } from './zippaths';

/** A dialog body: a paragraph, then optional labelled lists. */
function body(text: string, lists: [string, string[]][] = []): Widget {
  const node = document.createElement('div');
  node.className = 'litecourse-dialog';
  const p = document.createElement('p');
  p.textContent = text;
  node.appendChild(p);
  for (const [title, items] of lists) {
    if (items.length === 0) {
      continue;
    }
    const heading = document.createElement('p');
    heading.textContent = title;
    const ul = document.createElement('ul');
    ul.setAttribute('aria-label', title);
    for (const item of items) {
      const li = document.createElement('li');
      li.textContent = item;
      ul.appendChild(li);
    }
    node.append(heading, ul);
  }
  return new Widget({ node });
}

/** Tell the learner something; one OK button. */
async function tell(
  title: string,
  text: string,
  lists: [string, string[]][] = []
): Promise<void> {
  await showDialog({
    title,
    body: body(text, lists),
    buttons: [Dialog.okButton({ label: 'OK' })]
  });
}

/** Give the learner `bytes` as a downloaded file called `name`. */
function saveAs(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A zip of `entries`, in order. Built entry by entry: fflate's `zipSync` takes
 * a plain object keyed by name, where a file called `__proto__` is lost.
 */
function zipEntries(
  { Zip, ZipDeflate, ZipPassThrough }: ZipLibrary,
  entries: [string, Uint8Array][]
): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) {
      throw error;
    }
    chunks.push(chunk);
  });
  for (const [name, bytes] of entries) {
    const entry = name.endsWith('/')
      ? new ZipPassThrough(name)
      : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Download a zip of every file the learner created or changed, with a
 * manifest naming the course (so a restore elsewhere can tell).
 */
export async function downloadWork(
  contents: Contents.IManager,
  course: ICourseIdentity
): Promise<boolean> {
  const work = await learnerWork(contents);
  if (work.files.length === 0 && work.folders.length === 0) {
    await tell(
      'Nothing to download yet',
      'You have not created or changed any file in this course yet.'
    );
    return false;
  }
  const entries: [string, Uint8Array][] = work.folders.map(folder => [
    `${folder}/`,
    new Uint8Array(0)
  ]);
  for (const file of work.files) {
    entries.push([file.path, file.bytes]);
  }
  const now = new Date();
  // a learner's own file of that name wins; the zip's name still tells the course
  if (!work.files.some(f => f.path === MANIFEST_NAME)) {
    entries.push([MANIFEST_NAME, manifestBytes(course, now)]);
  }
  saveAs(
    zipEntries(await loadZipLibrary(), entries),
    workZipName(course.courseId, now),
    'application/zip'
  );
  return true;
}

/** Ask for a zip file; resolves to its bytes and name, or null when cancelled. */
export function pickZip(): Promise<{ name: string; bytes: Uint8Array } | null> {
  return new Promise(resolve => {
    document.getElementById('litecourse-restore-input')?.remove();
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.zip,application/zip';
    input.id = 'litecourse-restore-input';
    input.setAttribute('aria-label', 'Zip of your work to restore');
    input.style.display = 'none';
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      input.remove();
      resolve(
        file
          ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
          : null
      );
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** A backup opened for restoring: its files (inflated), where it comes from, what is left out. */
export interface IOpenedBackup {
  files: IZipFile[];
  folders: string[];
  origin: IBackupOrigin;
  duplicates: string[];
  unrestorable: IUnrestorable[];
}

/** Inflate one entry, checking size and checksum against the directory (a lying header is caught). */
function inflateEntry(
  { inflateSync }: ZipLibrary,
  bytes: Uint8Array,
  entry: IZipEntry
): Uint8Array | string {
  const data = entryData(bytes, entry);
  if (typeof data === 'string') {
    return data;
  }
  let out: Uint8Array;
  try {
    // the output buffer has the declared size, so inflating can never grow past it
    out =
      entry.method === 0
        ? data.slice()
        : inflateSync(data, { out: new Uint8Array(entry.size) });
  } catch (error) {
    return `"${entry.name}" could not be unpacked (${(error as Error).message})`;
  }
  if (out.length !== entry.size || crc32(out) !== entry.crc) {
    return `"${entry.name}" is damaged (its content does not match its checksum)`;
  }
  return out;
}

/** What the browser says about this site's storage, or `null` when it cannot say. */
export async function storageEstimate(): Promise<IStorageEstimate | null> {
  try {
    return (await navigator.storage?.estimate?.()) ?? null;
  } catch {
    return null;
  }
}

/**
 * Open a picked backup: check its directory (paths, count, names, total size
 * against the space the browser allows) before inflating anything, then
 * inflate. Resolves to the backup, or a message saying why nothing can be restored.
 */
export async function openBackup(
  name: string,
  bytes: Uint8Array,
  courseId: string
): Promise<IOpenedBackup | string> {
  if (!looksLikeZip(bytes)) {
    return `"${name}" is not a zip file. Choose the .zip you downloaded with Course › Download all my work.`;
  }
  const entries = readZipDirectory(bytes);
  if (typeof entries === 'string') {
    return `"${name}" could not be read as a zip file: ${entries}.`;
  }
  const contents = checkZipEntries(name, entries);
  if (typeof contents === 'string') {
    return contents;
  }
  let fflate: ZipLibrary;
  try {
    fflate = await loadZipLibrary();
  } catch (error) {
    return `"${name}" could not be opened: ${(error as Error).message}.`;
  }
  let manifest: IBackupManifest | null = null;
  if (contents.manifest) {
    // a manifest is a few hundred bytes; anything big with that name is the learner's own file
    const data =
      contents.manifest.size <= 65_536
        ? inflateEntry(fflate, bytes, contents.manifest)
        : null;
    manifest = data && typeof data !== 'string' ? parseManifest(data) : null;
    if (!manifest) {
      contents.files.push({ entry: contents.manifest, path: MANIFEST_NAME });
      contents.need += contents.manifest.size;
    }
  }
  const tooBig = tooBigToRestore(
    contents.need,
    availableBytes(await storageEstimate())
  );
  if (tooBig) {
    return tooBig;
  }
  const files: IZipFile[] = [];
  for (const { entry, path } of contents.files) {
    const data = inflateEntry(fflate, bytes, entry);
    if (typeof data === 'string') {
      return `"${name}" could not be read: ${data}. It may be damaged, so nothing was restored.`;
    }
    files.push({ path, bytes: data });
  }
  if (
    files.length === 0 &&
    contents.folders.length === 0 &&
    contents.unrestorable.length === 0
  ) {
    return `"${name}" is empty: there is nothing to restore.`;
  }
  return {
    files,
    folders: contents.folders,
    origin: backupOrigin(manifest, name, courseId),
    duplicates: contents.duplicates,
    unrestorable: contents.unrestorable
  };
}

/**
 * Carry out a restore plan; on any failure, remove what it wrote (it never
 * overwrites, so removing is a full undo) and rethrow.
 */
async function applyPlan(
  contents: Contents.IManager,
  plan: IRestorePlan
): Promise<void> {
  const written: string[] = [];
  try {
    for (const folder of plan.folders) {
      await contents.save(folder, {
        type: 'directory',
        format: 'json',
        content: null
      });
      written.push(folder);
    }
    for (const write of plan.writes) {
      const model = bytesToSaveModel(write.to, write.bytes);
      await contents.save(write.to, model as Partial<Contents.IModel>);
      written.push(write.to);
    }
  } catch (error) {
    for (const path of written.reverse()) {
      await contents.delete(path).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Ask whether to restore another course's backup into its own folder.
 * Resolves to the folder, or `null` when the learner cancels.
 */
async function askOtherCourse(
  zipName: string,
  origin: IBackupOrigin,
  here: ICourseIdentity
): Promise<string | null> {
  const folder = otherCourseFolder(origin.courseId);
  const theirs = origin.title
    ? `"${origin.title}" (${origin.courseId})`
    : `"${origin.courseId}"`;
  const answer = await showDialog({
    title: 'This backup is from another course',
    body: body(
      `"${zipName}" is a backup of the course ${theirs}, not of this course ("${here.title || here.courseId}"). ` +
        `Its files can be restored into the folder "${folder}", so they never replace this course's notebooks.`
    ),
    buttons: [
      Dialog.cancelButton({ label: 'Cancel' }),
      Dialog.okButton({ label: 'Restore into a folder' })
    ]
  });
  return answer.button.accept ? folder : null;
}

/**
 * Restore a picked zip: bring files back, never overwrite, summarise. A
 * backup of another course goes into its own folder, or nowhere.
 */
export async function restoreWork(
  contents: Contents.IManager,
  picked: { name: string; bytes: Uint8Array },
  course: ICourseIdentity
): Promise<void> {
  const zip = await openBackup(picked.name, picked.bytes, course.courseId);
  if (typeof zip === 'string') {
    await tell('Nothing was restored', zip);
    return;
  }
  let into = '';
  if (zip.origin.otherCourse) {
    const folder = await askOtherCourse(picked.name, zip.origin, course);
    if (folder === null) {
      await tell(
        'Nothing was restored',
        `You kept this course's files as they are: nothing from "${picked.name}" was restored.`
      );
      return;
    }
    into = folder;
    zip.files = zip.files.map(f => ({
      path: `${folder}/${f.path}`,
      bytes: f.bytes
    }));
    zip.folders = [folder, ...zip.folders.map(f => `${folder}/${f}`)];
  }
  const tree = await learnerTree(contents);
  const kinds = new Map<string, 'file' | 'directory'>();
  tree.files.forEach(f => kinds.set(f, 'file'));
  tree.folders.forEach(f => kinds.set(f, 'directory'));
  const current = new Map<string, Uint8Array>();
  const pristine = new Set<string>();
  for (const file of zip.files) {
    if (kinds.get(file.path) === 'file' && !current.has(file.path)) {
      const bytes = await learnerBytes(contents, file.path);
      current.set(file.path, bytes);
      const shipped = await shippedBytes(file.path);
      if (shipped && sameContent(file.path, shipped, bytes)) {
        pristine.add(file.path);
      }
    }
  }
  const plan = planRestore(
    zip.files,
    zip.folders,
    {
      kind: p => kinds.get(p) ?? null,
      bytes: p => current.get(p) as Uint8Array,
      pristine: p => pristine.has(p)
    },
    new Date()
  );
  try {
    await applyPlan(contents, plan);
  } catch (error) {
    const why = isStorageFull(error)
      ? 'Your browser storage is full.'
      : `Something went wrong while writing (${(error as Error)?.message ?? error}).`;
    await tell(
      'Nothing was restored',
      `${why} Nothing was changed: the files already restored were removed again. ` +
        'Free some space (download your work, then delete files you no longer need) and try again.'
    );
    return;
  }
  // a rename where the learner had no file is a second copy of a name the zip holds twice
  const secondCopy = (w: { from: string; to: string }): boolean =>
    w.from !== w.to && kinds.get(w.from) !== 'file';
  const restored = plan.writes.filter(w => w.from === w.to).map(w => w.to);
  const renamed = plan.writes
    .filter(w => w.from !== w.to && !secondCopy(w))
    .map(w => `${w.from} → kept yours, restored as ${w.to}`);
  const copies = plan.writes
    .filter(secondCopy)
    .map(w => `${w.from} → another copy, restored as ${w.to}`);
  const where = into
    ? ` into the folder "${into}" (a backup of another course)`
    : '';
  const skipped =
    zip.unrestorable.length > 0
      ? `, ${zip.unrestorable.length} not restored (listed below)`
      : '';
  await tell(
    'Work restored',
    `From "${picked.name}"${where}: ${restored.length} file(s) restored, ${renamed.length} kept beside yours, ` +
      `${plan.unchanged.length} already here unchanged${skipped}.`,
    [
      ['Restored:', restored],
      ['You had a different version, so both are kept:', renamed],
      [
        'Named more than once in the zip, so every copy is kept:',
        copies.length > 0 ? copies : zip.duplicates
      ],
      ['Already here, same content (left as they are):', plan.unchanged],
      ['Not restored (a file is where a folder should be):', plan.blocked],
      [
        'Not restored (the browser cannot store these):',
        zip.unrestorable.map(u => `${u.name} — ${u.why}`)
      ]
    ]
  );
}

/** Is `path` taken in the learner's files? */
async function exists(
  contents: Contents.IManager,
  path: string
): Promise<boolean> {
  return contents.get(path, { content: false }).then(
    () => true,
    () => false
  );
}

/**
 * Reset an open notebook to the course version, keeping the learner's version
 * (with unsaved edits) as a dated copy first.
 */
export async function resetNotebook(
  contents: Contents.IManager,
  panel: NotebookPanel
): Promise<void> {
  const context = panel.context;
  const path = context.path;
  const course = await shippedBytes(path);
  if (!course) {
    await tell(
      'Not a course notebook',
      `"${path}" is your own notebook, not part of the course, so there is no course version to go back to.`
    );
    return;
  }
  const mine = context.model.toJSON();
  const mineBytes = modelToBytes({
    type: 'notebook',
    format: 'json',
    content: mine
  });
  if (sameContent(path, course, mineBytes)) {
    await tell(
      'Already the course version',
      `"${path}" is the same as the course version: nothing to reset.`
    );
    return;
  }
  const taken = new Set((await learnerTree(contents)).files);
  const copy = myVersionName(path, new Date(), p => taken.has(p));
  const answer = await showDialog({
    title: 'Reset this notebook to the course version?',
    body: body(
      `"${path}" will show the course version again. Your version is kept first, as "${copy}", so nothing is lost.`
    ),
    buttons: [
      Dialog.cancelButton({ label: 'Cancel' }),
      Dialog.warnButton({ label: 'Reset notebook' })
    ]
  });
  if (!answer.button.accept) {
    return;
  }
  await contents.save(copy, {
    type: 'notebook',
    format: 'json',
    content: mine
  });
  if (!(await exists(contents, copy))) {
    await tell(
      'Nothing was reset',
      `Your version could not be kept as "${copy}", so "${path}" was left as it is.`
    );
    return;
  }
  // stop autosave from writing the old version back between the delete and the revert
  context.model.dirty = false;
  // removing the learner's stored copy lets the course version show through
  await contents.delete(path);
  await context.revert();
  await tell(
    'Notebook reset',
    `"${path}" now shows the course version. Your version is in "${copy}".`
  );
}

/** Open documents (JupyterLab and Notebook app alike). */
function openDocuments(
  app: JupyterFrontEnd
): DocumentRegistry.IContext<DocumentRegistry.IModel>[] {
  const found: DocumentRegistry.IContext<DocumentRegistry.IModel>[] = [];
  for (const widget of app.shell.widgets('main')) {
    const context = (
      widget as unknown as {
        context?: DocumentRegistry.IContext<DocumentRegistry.IModel>;
      }
    ).context;
    if (context && context.path !== undefined) {
      found.push(context);
    }
  }
  return found;
}

/** Clear all the learner's work after two confirmations (offering a download first). */
export async function clearWork(
  app: JupyterFrontEnd,
  contents: Contents.IManager,
  course: ICourseIdentity
): Promise<void> {
  const first = await showDialog({
    title: 'Clear all my work?',
    body: body(
      'This removes every file you created or changed in this course from this browser. ' +
        'The course notebooks go back to their course versions. Download your work first to keep a copy.'
    ),
    buttons: [
      Dialog.cancelButton({ label: 'Cancel' }),
      Dialog.okButton({
        label: 'Download my work first',
        displayType: 'default'
      }),
      Dialog.warnButton({ label: 'Continue without download' })
    ]
  });
  if (!first.button.accept) {
    return;
  }
  if (first.button.label === 'Download my work first') {
    await downloadWork(contents, course);
  }
  const second = await showDialog({
    title: 'Are you sure?',
    body: body(
      'All your work in this course will be removed from this browser. This cannot be undone.'
    ),
    buttons: [
      Dialog.cancelButton({ label: 'Keep my work' }),
      Dialog.warnButton({ label: 'Clear all my work' })
    ]
  });
  if (!second.button.accept) {
    return;
  }
  const open = openDocuments(app);
  open.forEach(context => (context.model.dirty = false));
  const top = (await contents.get('', { content: true }))
    .content as Contents.IModel[];
  for (const item of top) {
    await contents.delete(item.path);
  }
  for (const context of open) {
    if (await exists(contents, context.path)) {
      await context.revert();
    } else {
      for (const widget of app.shell.widgets('main')) {
        if ((widget as unknown as { context?: unknown }).context === context) {
          widget.dispose();
        }
      }
    }
  }
  await tell(
    'Your work is cleared',
    'The course files show their course versions again.'
  );
}
