// One session of the memory-snapshot probe (issue 16 item 3), in Pyodide under node.
// Run by benchmarks/snapshot_probe.py, one fresh node process per session:
//
//   node snapshot_probe.mjs floor   PYODIDE_DIR WORKDIR
//   node snapshot_probe.mjs normal  PYODIDE_DIR WORKDIR PACKAGES
//   node snapshot_probe.mjs make    PYODIDE_DIR WORKDIR PACKAGES
//   node snapshot_probe.mjs restore PYODIDE_DIR WORKDIR VARIANT
//
// PACKAGES is the comma-separated loadPyodideOptions.packages of the site; VARIANT is one of
// RESTORE_VARIANTS. The session prints one line, "PROBE " + JSON: its timings (seconds) and,
// for normal and restored sessions, what snapshot_in_pyodide.py's observe() saw.
import { readFileSync, writeFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const IN_PYODIDE = path.join(path.dirname(fileURLToPath(import.meta.url)), "snapshot_in_pyodide.py");

/** How a restore is made: Pyodide's API as it is, then each fix on top of the one before. */
const RESTORE_VARIANTS = {
  // loadPyodide({_loadSnapshot}) and nothing else
  "as-is": {},
  // + the wasm memory grown to the snapshot's heap before it is copied in
  grown: { grow: true },
  // + the file system (wheels' files, ~/.ipython, ...) written back before Python starts, and
  // Python's view of loadPyodide's loadedPackages joined to the restored Pyodide's
  fixed: { grow: true, files: true, relink: true },
  // + a new string-hash secret written into the snapshot's heap
  "fixed+new-hash-secret": { grow: true, files: true, relink: true, newHashSecret: true },
};

/** Folders and files the file-system image leaves out: Pyodide recreates them at every start. */
const NOT_IN_IMAGE = new Set(["/dev", "/proc", "/sys"]);

const seconds = (start) => (performance.now() - start) / 1000;

function report(result) {
  process.stdout.write("PROBE " + JSON.stringify(result) + "\n");
}

async function pyodideModule(dir) {
  return import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
}

/** The Python helpers of snapshot_in_pyodide.py, run in a namespace of their own. */
function loadHelpers(pyodide) {
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(readFileSync(IN_PYODIDE, "utf8"), { globals: namespace });
  return namespace;
}

/** Call a helper that returns JSON text; its value. */
function callHelper(namespace, name, ...args) {
  const fn = namespace.get(name);
  try {
    return JSON.parse(fn(...args));
  } finally {
    fn.destroy();
  }
}

/** Every folder, file and link of Pyodide's file system except NOT_IN_IMAGE and `skip`. */
function fileSystemImage(FS, skip) {
  const entries = [];
  const chunks = [];
  let size = 0;
  const walk = (dir) => {
    for (const name of FS.readdir(dir)) {
      if (name === "." || name === "..") continue;
      const full = dir === "/" ? `/${name}` : `${dir}/${name}`;
      if (NOT_IN_IMAGE.has(full) || skip.has(full)) continue;
      const stat = FS.lstat(full);
      if (FS.isLink(stat.mode)) {
        entries.push({ path: full, link: FS.readlink(full) });
      } else if (FS.isDir(stat.mode)) {
        entries.push({ path: full, dir: true });
        walk(full);
      } else if (FS.isFile(stat.mode)) {
        const data = FS.readFile(full);
        entries.push({ path: full, size: data.length });
        chunks.push(data);
        size += data.length;
      }
    }
  };
  walk("/");
  const index = new TextEncoder().encode(JSON.stringify(entries));
  const image = new Uint8Array(4 + index.length + size);
  new DataView(image.buffer).setUint32(0, index.length, true);
  image.set(index, 4);
  let at = 4 + index.length;
  for (const chunk of chunks) {
    image.set(chunk, at);
    at += chunk.length;
  }
  return { image, files: chunks.length, bytes: size };
}

/** Write a fileSystemImage back (in loadPyodide's fsInit, before Python starts). */
function writeImage(FS, image) {
  const indexLength = new DataView(image.buffer, image.byteOffset).getUint32(0, true);
  const entries = JSON.parse(new TextDecoder().decode(image.subarray(4, 4 + indexLength)));
  let at = 4 + indexLength;
  for (const entry of entries) {
    if (entry.dir) {
      FS.mkdirTree(entry.path);
    } else if (entry.link !== undefined) {
      if (!FS.analyzePath(entry.path).exists) FS.symlink(entry.link, entry.path);
    } else {
      FS.writeFile(entry.path, image.subarray(at, at + entry.size));
      at += entry.size;
    }
  }
  return entries.length;
}

/** JavaScript objects of Pyodide's own API that Python holds (micropip imports `loadPackage`,
 * `_api.install`, ...), by name: makeMemorySnapshot can only store names of JavaScript objects. */
function apiSerializer(api) {
  const named = (owner) => (obj) =>
    Object.getOwnPropertyNames(owner).find((key) => {
      try {
        return owner[key] === obj;
      } catch {
        return false;
      }
    });
  const inPublic = named(api.public_api);
  const inApi = named(api);
  return (obj) => {
    if (obj === api.public_api) return { publicApi: true };
    const publicKey = inPublic(obj);
    if (publicKey) return { public: publicKey };
    const apiKey = inApi(obj);
    if (apiKey) return { api: apiKey };
    throw new Error(`Python holds a JavaScript object the snapshot cannot name: ${obj}`);
  };
}

/** The objects apiSerializer named, from the restored Pyodide's API. */
function apiDeserializer(getApi) {
  return (named) => {
    const api = getApi();
    if (named.publicApi) return api.public_api;
    if (named.public) return api.public_api[named.public];
    return api[named.api];
  };
}

/** Byte offset of the wasm heap inside a snapshot (its header says where the heap starts). */
function heapOffset(snapshot) {
  return new Uint32Array(snapshot.buffer, snapshot.byteOffset, 4)[1];
}

async function floor(dir) {
  const { loadPyodide } = await pyodideModule(dir);
  const start = performance.now();
  const pyodide = await loadPyodide({ indexURL: dir + path.sep });
  pyodide.runPython("print");
  report({ mode: "floor", boot: seconds(start) });
}

async function normal(dir, packages) {
  const { loadPyodide } = await pyodideModule(dir);
  const start = performance.now();
  const pyodide = await loadPyodide({ indexURL: dir + path.sep, packages });
  const boot = seconds(start);
  const helpers = loadHelpers(pyodide);
  const kernel = callHelper(helpers, "start_kernel");
  const total = seconds(start);
  const observed = callHelper(helpers, "observe", Date.now() / 1000);
  report({ mode: "normal", boot, kernel, total, observed });
}

async function make(dir, work, packages) {
  const { loadPyodide } = await pyodideModule(dir);
  const start = performance.now();
  const pyodide = await loadPyodide({ indexURL: dir + path.sep, packages, _makeSnapshot: true });
  const boot = seconds(start);
  const helpers = loadHelpers(pyodide);
  const kernel = callHelper(helpers, "start_kernel");
  helpers.destroy();
  pyodide.runPython("import gc; gc.collect()");
  const atSnapshot = JSON.parse(
    pyodide.runPython("import json, time; json.dumps({'monotonic': time.monotonic(), 'hash': hash('abc')})"),
  );
  const [major, minor] = pyodide.runPython("import sys; list(sys.version_info[:2])").toJs();
  let t = performance.now();
  const fs = fileSystemImage(pyodide.FS, new Set([`/lib/python${major}${minor}.zip`]));
  const imageTime = seconds(t);
  const heap = pyodide._module.HEAP8.length;
  // loadPackage records what it loaded in an object the snapshot expects empty ("Unexpected
  // hiwire entry at index 6"); a restore fills it again from the wheels' dist-info (`relink`)
  const loadedPackages = Object.keys(pyodide.loadedPackages);
  for (const name of loadedPackages) delete pyodide.loadedPackages[name];
  t = performance.now();
  let snapshot;
  const attempts = {};
  for (const [name, serializer] of [["plain", undefined], ["API names", apiSerializer(pyodide._api)]]) {
    try {
      snapshot = pyodide.makeMemorySnapshot({ serializer });
      attempts[name] = "ok";
      break;
    } catch (error) {
      attempts[name] = String(error);
    }
  }
  if (!snapshot) {
    report({ mode: "make", boot, kernel, attempts });
    return;
  }
  const snapshotTime = seconds(t);
  writeFileSync(path.join(work, "snapshot.bin"), snapshot);
  writeFileSync(path.join(work, "fs-image.bin"), fs.image);
  const meta = { hashSecretAddress: pyodide._module.__Py_HashSecret, atSnapshot };
  writeFileSync(path.join(work, "snapshot-meta.json"), JSON.stringify(meta));
  report({
    mode: "make", boot, kernel, attempts, emptiedLoadedPackages: loadedPackages.length, heap, snapshotBytes: snapshot.length, snapshotTime,
    hiwireHeaderBytes: heapOffset(snapshot), imageBytes: fs.image.length, imageFiles: fs.files,
    imageTime, atSnapshot,
  });
}

async function restore(dir, work, variantName) {
  const variant = RESTORE_VARIANTS[variantName];
  if (!variant) throw new Error(`unknown restore variant ${variantName}`);
  const start = performance.now();
  const snapshot = new Uint8Array(readFileSync(path.join(work, "snapshot.bin")));
  const image = variant.files ? new Uint8Array(readFileSync(path.join(work, "fs-image.bin"))) : null;
  const meta = JSON.parse(readFileSync(path.join(work, "snapshot-meta.json"), "utf8"));
  const read = seconds(start);
  if (variant.newHashSecret) {
    // _Py_HashSecret is a 24-byte union at a fixed address of this build's static data
    const at = heapOffset(snapshot) + meta.hashSecretAddress;
    webcrypto.getRandomValues(snapshot.subarray(at, at + 24));
  }
  const heapBytes = snapshot.length - heapOffset(snapshot);
  let module;
  const options = {
    indexURL: dir + path.sep,
    _loadSnapshot: snapshot,
    _snapshotDeserializer: apiDeserializer(() => module.API),
  };
  let filesTime = null;
  const create = (await import(pathToFileURL(path.join(dir, "pyodide.asm.mjs")).href)).default;
  options.createPyodideModule = async (settings) => {
    module = await create(settings);
    // loadPyodide sets INITIAL_MEMORY from the snapshot, but this build exports its own memory
    // and ignores it: grow the fresh module's memory before the snapshot is copied into it
    if (variant.grow && module.HEAP8.length < heapBytes) module.growMemory(heapBytes);
    return module;
  };
  if (image) {
    options.fsInit = (FS) => {
      const t = performance.now();
      writeImage(FS, image);
      filesTime = seconds(t);
    };
  }
  const { loadPyodide } = await pyodideModule(dir);
  const loadStart = performance.now();
  let pyodide;
  try {
    pyodide = await loadPyodide(options);
  } catch (error) {
    report({ mode: "restore", variant: variantName, read, error: String(error).slice(0, 300) });
    return;
  }
  const load = seconds(loadStart);
  const total = seconds(start);
  const heapAfterRestore = pyodide._module.HEAP8.length;
  if (variant.relink) {
    // the snapshot restores Python's `pyodide_js.loadedPackages` (hiwire entry 6) as a new
    // empty object, not the restored Pyodide's: the restart filled that one from the wheels'
    // dist-info; give its names to Pyodide's and let Python use Pyodide's again
    Object.assign(pyodide.loadedPackages, pyodide.runPython("import pyodide._package_loader as p; p.loadedPackages"));
    pyodide.runPython("import pyodide._package_loader as p, pyodide_js; p.loadedPackages = pyodide_js.loadedPackages");
  }
  const loadedPackages = Object.keys(pyodide.loadedPackages).length;
  let observed;
  try {
    observed = callHelper(loadHelpers(pyodide), "observe", Date.now() / 1000);
  } catch (error) {
    observed = { error: String(error).slice(0, 300) };
  }
  // a package the snapshot holds: loadPackage should know it is there
  const messages = [];
  let knownPackage;
  try {
    await pyodide.loadPackage(["ipython"], { messageCallback: (m) => messages.push(m) });
    knownPackage = { ok: true, value: messages.join("; ") };
  } catch (error) {
    knownPackage = { ok: false, error: String(error).slice(0, 300) };
  }
  // a package the snapshot does not hold, loaded as the kernel loads one for `%pip install`
  let packageAfterRestore;
  try {
    await pyodide.loadPackage(["pint"], { messageCallback: () => {} });
    packageAfterRestore = { ok: true, value: pyodide.runPython("import pint; pint.__version__") };
  } catch (error) {
    packageAfterRestore = { ok: false, error: String(error).slice(0, 300) };
  }
  report({
    mode: "restore", variant: variantName, read, load, filesTime, total, heapBytes,
    heapAfterRestore, heapAfterUse: pyodide._module.HEAP8.length, loadedPackages, atSnapshot: meta.atSnapshot,
    observed: {
      ...observed,
      "loadPackage of a package in the snapshot": knownPackage,
      "package loaded after restore": packageAfterRestore,
    },
  });
}

const [mode, dir, work, arg] = process.argv.slice(2);
try {
  if (mode === "floor") await floor(dir);
  else if (mode === "normal") await normal(dir, arg.split(","));
  else if (mode === "make") await make(dir, work, arg.split(","));
  else if (mode === "restore") await restore(dir, work, arg);
  else throw new Error(`unknown mode ${mode}`);
} catch (error) {
  report({ mode, arg, error: String((error && error.stack) || error).slice(0, 600) });
}
process.exit(0);
