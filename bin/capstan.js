#!/usr/bin/env node
// Entry point of the `capstan` binary. Capstan runs TypeScript natively, which needs Node 24+;
// `npm install` brings Node 24 as a dependency and npm scripts and `npx capstan` run on it.
const [major] = process.versions.node.split('.').map(Number);
if ((major ?? 0) < 24) {
  process.stderr.write(
    `capstan: needs Node.js 24 or newer (this is ${process.version}). ` +
      'Run it through npm (`npx capstan …`, `npm start`), which uses the Node 24 that `npm install` brings.\n',
  );
  process.exit(1);
}
// Node caches compiled modules (including stripped TypeScript) on disk, so later runs skip the
// type-stripping start-up cost (~0.3 s → ~0.1 s for a short command).
(await import('node:module')).enableCompileCache?.();
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
