import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const htmlSink = 'Server data must never become markup: build elements with h()/replaceChildren() from src/app/dom.ts.';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.strict,
  tseslint.configs.stylistic,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A forgotten await loses errors (and the status line's report of them).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: htmlSink },
        { property: 'outerHTML', message: htmlSink },
        { property: 'insertAdjacentHTML', message: htmlSink },
        { object: 'document', property: 'write', message: htmlSink },
      ],
    },
  },
  { files: ['test/**/*.ts', '*.config.*', 'scripts/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  prettier,
);
