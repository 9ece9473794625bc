import { setFlagsFromString } from 'node:v8';

/**
 * V8's optimizing compiler, tuned for a lint run: TurboFan spent much of a run compiling functions
 * with large inlined callees (micromark's tokenizers, buildModel; V8's --trace-opt). Inlining at most
 * 100 bytecodes per function halves that, and a larger interrupt budget optimizes only what stays
 * hot; the code it makes runs as fast. The figures: bench/README.md, "Start-up and compilation".
 *
 * Regular expressions go straight to machine code. By default V8 first compiles each one to bytecode
 * for its interpreter and compiles it again to machine code on its second run; for the checklist's
 * large term alternations the bytecode compile is the slower of the two, and almost every one runs
 * more than once, so a one-file lint paid both (bench/README.md, "Start-up: the term lists").
 */
export const JIT_FLAGS = ['--max-inlined-bytecode-size-cumulative=100', '--interrupt-budget=300000', '--no-regexp-tier-up'];

/**
 * The same flags for a process Node started without them (bin/mlsd.js). Node warns that flags set
 * at run time may do nothing or worse; these are only read when the compiler decides what to
 * optimize or a regular expression is first compiled, and are set before any of mlsd's code is
 * compiled, as the code cache requires (the cache is tied to the flags it was made under).
 */
export function useJitFlags(): void {
  for (const flag of JIT_FLAGS) setFlagsFromString(flag);
}
