#!/usr/bin/env node
'use strict';
// Entry point of the `ndes-doctor` command: runs the bundled CLI built by `npm run build`.
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write(
    'ndes-doctor: not built yet; run `npm install` (or `npm run build`) in the project first.\n',
  );
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`ndes-doctor: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
