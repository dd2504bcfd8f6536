#!/usr/bin/env node
// The CLI is built into out/ by `npm install` (the prepare script) or `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'out', 'cli', 'condensa.cjs');
if (!fs.existsSync(entry)) {
  process.stderr.write('condensa: not built yet. Run `npm run build` in the Condensa folder first.\n');
  process.exit(1);
}
require(entry);
