// Merged into @jupyter/builder's bundler config (package.json: jupyterlab.webpackConfig).
// Python that the extension sends to the kernel lives in real .py files
// (kernel_python/), so linters and tests see it; the bundle holds their text.
module.exports = {
  module: {
    rules: [
      { test: /\.py$/, type: 'asset/source' },
      // JavaScript for the kernel's worker (kernel_python/*.js?raw), as text
      { resourceQuery: /raw/, type: 'asset/source' }
    ]
  }
};
