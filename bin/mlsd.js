#!/usr/bin/env node
// Thin shim: the CLI is bundled into dist/bundle/ by `npm run build`, which `npm install` runs.
import { main } from '../dist/bundle/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
