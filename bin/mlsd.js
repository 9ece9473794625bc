#!/usr/bin/env node
// Thin shim: the CLI lives in dist/ (built by `npm run build`, which `npm install` runs).
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
