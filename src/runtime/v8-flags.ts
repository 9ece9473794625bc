import { setFlagsFromString } from 'node:v8';

/**
 * V8's optimizing compiler, tuned for a lint run: TurboFan spent much of a run compiling functions
 * with large inlined callees (micromark's tokenizers, buildModel; V8's --trace-opt). Inlining at most
 * 100 bytecodes per function halves that, and a larger interrupt budget optimizes only what stays
 * hot; the code it makes runs as fast. The figures: bench/README.md, "Start-up and compilation".
 */
export const JIT_FLAGS = ['--max-inlined-bytecode-size-cumulative=100', '--interrupt-budget=300000'];

/**
 * The same flags for a process Node started without them (bin/mlsd.js). Node warns that flags set
 * at run time may do nothing or worse; these two are only read when the compiler decides what to
 * optimize, and are set before any of mlsd's code is compiled, as the code cache requires (the
 * cache is tied to the flags it was made under).
 */
export function useJitFlags(): void {
  for (const flag of JIT_FLAGS) setFlagsFromString(flag);
}
