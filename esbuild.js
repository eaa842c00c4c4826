// Bundles the extension host code (CommonJS, `vscode` external) and the webview page scripts.
// The sandbox is its own bundle so the extension only loads it when the sandbox environment is used;
// so are the parts not needed at activation (operator tools, recording proxy, sandbox tools, the
// traffic view's internals, command-only developer tools), loaded on first use. `--analyze` prints
// what each bundle is made of (esbuild's metafile), to find what makes one big.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const analyze = process.argv.includes('--analyze');

const common = {
  bundle: true,
  // jsonc-parser's CommonJS build is UMD with requires esbuild cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  metafile: analyze,
};

// node-fetch v2 falls back to the `whatwg-url` package only where Node lacks a global URL; every
// Node that runs VS Code has one, and that package's Unicode tables would double the bundle.
const nodeUrlForWhatwgUrl = {
  name: 'node-url-for-whatwg-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url' }));
    build.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({ contents: 'module.exports = { URL };', loader: 'js' }));
  },
};

// A program run with plain node from one file: dist/<name>.js, everything it imports bundled in.
function singleFileCli(name, entry) {
  return {
    ...common,
    entryPoints: { [name]: entry },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: false,
    banner: { js: '#!/usr/bin/env node' },
  };
}

// A webview page: its script and styles, bundled for the browser into media/dist/<name>.js/.css.
// What the pages share (media/common: the webview API, the formatter, DOM building) goes into each
// page's bundle through its imports.
function page(name) {
  return {
    ...common,
    entryPoints: [`media/${name}/main.ts`, `media/${name}/${name}.css`],
    entryNames: name,
    outdir: 'media/dist',
    // media/ ships whole, so development source maps stay inside the files rather than beside them.
    sourcemap: production ? false : 'inline',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  };
}

const builds = [
  {
    ...common,
    entryPoints: {
      extension: 'src/extension.ts',
      sandbox: 'src/sandbox/index.ts',
      proxy: 'src/proxy/index.ts',
      // Feature bodies loaded on first use (src/common/lazyBundle.ts): each folder's lazy.ts.
      operations: 'src/operations/lazy.ts',
      recording: 'src/recording/lazy.ts',
      sandboxHost: 'src/sandboxHost/lazy.ts',
      workbench: 'src/workbench/lazy.ts',
      devtools: 'src/devtools/lazy.ts',
      orders: 'src/orders/lazy.ts',
      agent: 'src/agent/vscode/lazy.ts',
      webhookInbox: 'src/webhookInbox/lazy.ts',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    plugins: [nodeUrlForWhatwgUrl],
  },
  // The sandbox CLI in one file, for an ERP's CI: `node oto-sandbox.js`, no node_modules needed.
  singleFileCli('oto-sandbox', 'src/sandboxCli/cli.ts'),
  // The agent tools as a stdio MCP server in one file (`node oto-mcp.js`), likewise.
  singleFileCli('oto-mcp', 'src/agent/mcp/cli.ts'),
  page('packing'),
  page('history'),
];

// Only dist/ and media/ ship, so the webviews' codicons are copied out of node_modules.
function copyCodicons() {
  const fs = require('node:fs');
  const path = require('node:path');
  const from = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  const to = path.join(__dirname, 'media', 'dist', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

// VS Code reads the scenario schema and the webhook trigger's (jsonValidation) from the package,
// which ships dist/ only; the sandbox's loader bundles the scenario's too.
function copySchemas() {
  const fs = require('node:fs');
  const path = require('node:path');
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'src', 'sandbox', 'scenario', 'scenario.schema.json'), path.join(__dirname, 'dist', 'scenario.schema.json'));
  fs.copyFileSync(path.join(__dirname, 'src', 'webhooks', 'trigger.schema.json'), path.join(__dirname, 'dist', 'webhook-trigger.schema.json'));
}

// ERP teams generate clients from dist/oto-openapi.json: the document is made by the same pure
// module the sandbox serves it with (src/oto/openapi.ts), bundled and run here.
async function writeOpenApi() {
  const fs = require('node:fs');
  const path = require('node:path');
  const Module = require('node:module');
  const built = await esbuild.build({ entryPoints: ['src/oto/openapi.ts'], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const generator = new Module('oto-openapi');
  generator._compile(built.outputFiles[0].text, path.join(__dirname, 'src', 'oto', 'openapi.js'));
  const { version } = require('./package.json');
  const document = generator.exports.openApiDocument({ version });
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'dist', 'oto-openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
}

async function main() {
  copyCodicons();
  copySchemas();
  await writeOpenApi();
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (analyze) {
    for (const result of results) {
      console.log(await esbuild.analyzeMetafile(result.metafile));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
