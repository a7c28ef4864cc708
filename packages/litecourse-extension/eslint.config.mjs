// The extension's TypeScript linter (run by tests/unit/test_lint.py through ./run test).
// Recommended rules of ESLint and typescript-eslint; formatting is prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'lib/', 'litecourse_extension/labextension/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      // `_`-prefixed parameters keep a documented signature; `{ dropped, ...rest }` drops a key
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true }
      ]
    }
  },
  {
    files: ['webpack.config.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable' }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // run in the kernel's worker with Pyodide's run_js: the file's value is its one expression
    files: ['kernel_python/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { XMLHttpRequest: 'readonly' }
    },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' }
  }
);
