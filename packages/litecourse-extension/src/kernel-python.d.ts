/**
 * Python files sent to the kernel, bundled as their text (webpack.config.js
 * makes `*.py` an asset source).
 */
declare module '*.py' {
  const source: string;
  export default source;
}

/** JavaScript run in the kernel's worker, bundled as its text (`?raw`). */
declare module '*?raw' {
  const source: string;
  export default source;
}
