#!/usr/bin/env node
// Thin shim: the CLI is bundled into dist/bundle/ by `npm run build`, which `npm install` runs,
// and loaded with the code cache that build made (see src/runtime/code-cache.ts).
import { requireBundle } from '../dist/runtime/code-cache.js';
import { useJitFlags } from '../dist/runtime/v8-flags.js';

useJitFlags(); // before the bundle compiles: see src/runtime/v8-flags.ts
// A lint starts from the bytecode of a lint; every other command from that of a bare start.
const kind = process.argv[2] === 'lint' ? 'lint' : 'start';
const { main, reportInternalError, reportOutputError } = requireBundle(new URL('../dist/bundle/main.cjs', import.meta.url), kind);

const io = { stderr: process.stderr, env: process.env };

// A reader that stops early (`mlsd lint --format json | head -1`) closes the pipe: that is not an
// error, the output is simply no longer wanted. The run goes on unheard, so that its exit status
// still says whether the docs pass (`mlsd lint docs | head` under pipefail). Any other failure (a
// full disk) is an I/O error: one line, exit 2. A failing stderr has nowhere to say so.
for (const stream of [process.stdout, process.stderr]) {
  let readerGone = false;
  stream.on('error', (error) => {
    if (error.code === 'EPIPE' || (readerGone && error.code === 'ERR_STREAM_DESTROYED')) {
      readerGone = true;
      return;
    }
    if (stream === process.stdout) reportOutputError(error, io);
    process.exit(2);
  });
}

// Whatever escapes main() is a bug in mlsd: one line, never a stack trace, exit 2.
const crash = (error) => {
  try {
    reportInternalError(error, io);
  } finally {
    process.exit(2);
  }
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

main(process.argv).then((code) => {
  process.exitCode = code;
}, crash);
