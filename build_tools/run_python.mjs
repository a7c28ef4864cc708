// Run a Python file in Pyodide (Python 3.14, as in the browser kernel) under node.
// usage: node run_python.mjs PYODIDE_DIR SCRIPT.py [HOST_DIR=GUEST_DIR ...]
// Each HOST_DIR is mounted read-write at GUEST_DIR; the script's last expression
// is the exit code.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, script, ...mounts] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
// PYODIDE_ENV_X=v sets X=v in Python's environment (never the host's own PYTHON*
// variables, which name host paths).
const env = Object.fromEntries(
  Object.entries(process.env)
    .filter(([k]) => k.startsWith("PYODIDE_ENV_"))
    .map(([k, v]) => [k.slice("PYODIDE_ENV_".length), v])
);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, env });
// Pass Python's output through unbuffered, as written.
pyodide.setStdout({ write: (bytes) => { process.stdout.write(bytes); return bytes.length; } });
pyodide.setStderr({ write: (bytes) => { process.stderr.write(bytes); return bytes.length; } });
for (const pair of mounts) {
  const [host, guest] = pair.split("=");
  pyodide.FS.mkdirTree(guest);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: host }, guest);
}
let code = 1;
try {
  code = await pyodide.runPythonAsync(readFileSync(script, "utf8"));
} catch (error) {
  process.stderr.write(String(error) + "\n");
}
process.exit(typeof code === "number" ? code : 1);
