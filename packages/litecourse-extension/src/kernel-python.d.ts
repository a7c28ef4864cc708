/**
 * Python files sent to the kernel, bundled as their text (webpack.config.js
 * makes `*.py` an asset source).
 */
declare module '*.py' {
  const source: string;
  export default source;
}
