import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'media/dist/**', '.vscode-test/**', '*.vsix', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Each file is checked against its nearest tsconfig: src/ (no DOM), media/ (DOM), the root (tests, bench, scripts).
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': 'off',
      // An `async` function without `await` still turns a throw into a rejection, which the fakes
      // and VS Code callbacks (deserializeWebviewPanel) rely on; the rule would have each of them
      // spell out Promise.resolve/Promise.reject by hand. All of its findings were of that kind.
      '@typescript-eslint/require-await': 'off',
      // Our dependency objects hand on closures declared in method shorthand (`onRecorded(r): void`),
      // which the rule cannot tell from class methods: every finding was a closure, none lost `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read JSON answers (JSON.parse, res.json()) and check their shape with assert: typing
    // each parse would restate what the assertion already checks.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // The build and lint configs are plain JavaScript outside every tsconfig.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/client/**/*.ts', 'src/sandbox/**/*.ts', 'src/traffic/**/*.ts', 'src/proxy/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The client, the sandbox, the traffic core and the proxy must run in plain Node.' }] }],
    },
  },
);
