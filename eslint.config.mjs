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
    // The worked example is plain CommonJS for Node 18+, as an ERP team would write it.
    files: ['examples/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { fetch: 'readonly', URLSearchParams: 'readonly' } },
  },
  // The house's floors (CONTRIBUTING "How the parts fit"): each block below says what a room may
  // not import. ESLint keeps one `no-restricted-imports` setting per file (the last block that
  // matches wins), so each block is built from all the restrictions its files are under.
  ...importRules(),
);

function importRules() {
  const vscode = { name: 'vscode', message: 'The client, the sandbox, the traffic core, the proxy, the agent tools\' core and MCP server, the webhook inbox core and OTO\'s facts must run in plain Node.' };
  const sandboxRooms = {
    group: ['**/sandbox/*', '!**/sandbox/types'],
    message: 'Import the sandbox from src/sandbox (its index.ts), never from one of its rooms or files: what it offers others is exported there.',
  };
  const featureRooms = ['session', 'stock', 'stockChange', 'orders', 'packing', 'devtools', 'operations', 'sandboxHost', 'workbench', 'recording', 'statusBar', 'sandbox', 'sandboxCli', 'proxy', 'traffic', 'agent', 'webhooks', 'webhookInbox', 'extension'];
  const commonFloor = {
    group: featureRooms.flatMap((room) => [`**/${room}`, `**/${room}/**`]),
    message: 'src/common is the ground floor: it imports OTO\'s facts (src/oto) and the client, never a feature room. Move what it needs down.',
  };
  const otoFloor = {
    regex: '^(\\.\\./|node:)',
    message: 'src/oto holds OTO\'s facts only: it imports nothing from another room and no Node built-in.',
  };
  const trafficFloor = {
    group: ['**/sandbox', '**/sandbox/**', '**/proxy', '**/proxy/**'],
    message: 'The traffic core sits below the sandbox and the proxy: OTO\'s facts are in src/oto.',
  };
  // The proxy may run the sandbox's simulation; the sandbox never reaches for the proxy or for the
  // command line that starts either of them (src/sandboxCli), or the two would import each other.
  const sandboxBelow = {
    group: ['**/proxy', '**/proxy/**', '**/sandboxCli', '**/sandboxCli/**'],
    message: 'The sandbox imports neither the proxy nor its command line (src/sandboxCli runs both).',
  };
  const stockChangeFloor = {
    group: featureRooms.filter((room) => room !== 'stockChange').flatMap((room) => [`**/${room}`, `**/${room}/**`]),
    message: 'src/stockChange is the stock-change domain\'s shared core (prompts and steps, quantities, reasons, dates, targets, records, ledger entries): orders, operations and the agent tools stand on it, so it imports no feature room.',
  };
  // Orders and operations are two rooms of one domain: what both need lives in src/stockChange,
  // so neither imports the other (they imported each other both ways before).
  const sideRoom = (other) => ({
    group: [`**/${other}`, `**/${other}/**`],
    message: `orders/ and operations/ do not import each other: move what both need down to src/stockChange (or hand it over through the wiring).`,
  });
  const rule = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
  const plainNode = ['src/client/**/*.ts', 'src/proxy/**/*.ts', 'src/agent/core/**/*.ts', 'src/agent/mcp/**/*.ts', 'src/webhooks/**/*.ts', 'src/sandboxCli/**/*.ts'];
  return [
    { files: ['src/**/*.ts'], ignores: ['src/sandbox/**'], rules: rule([], [sandboxRooms]) },
    { files: plainNode, rules: rule([vscode], [sandboxRooms]) },
    { files: ['src/sandbox/**/*.ts'], rules: rule([vscode], [sandboxBelow]) },
    { files: ['src/traffic/**/*.ts'], rules: rule([vscode], [trafficFloor]) },
    { files: ['src/common/**/*.ts'], rules: rule([], [commonFloor]) },
    { files: ['src/stockChange/**/*.ts'], rules: rule([], [sandboxRooms, stockChangeFloor]) },
    { files: ['src/orders/**/*.ts'], rules: rule([], [sandboxRooms, sideRoom('operations')]) },
    { files: ['src/operations/**/*.ts'], rules: rule([], [sandboxRooms, sideRoom('orders')]) },
    { files: ['src/oto/**/*.ts'], rules: rule([vscode], [otoFloor]) },
  ];
}
