#!/usr/bin/env node
// The `brain-atlas` command: runs the bundled CLI (built by `npm install` / `npm run build:node`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/node/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('brain-atlas: the command is not built yet; run `npm run build:node` in the project folder\n');
  process.exit(1);
}
await import(cli.href);
