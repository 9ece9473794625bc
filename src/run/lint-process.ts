import { Checklists } from '../config/settings.js';
import { UserError } from '../errors.js';
import { readDocument } from './read-document.js';
import { lintRead } from './lint-file.js';
import type { CompileTask, LintReply, LintTask } from './process-pool.js';

// A process of the lint pool: reads and lints the files it is handed, one message each.
const checklists = new Checklists();
/** Settings keys whose checklist is compiled: the first file of each says so, and its clock restarts. */
const compiled = new Set<string>();

process.on('message', (task: LintTask | CompileTask) => {
  if ('compile' in task) {
    try {
      if (!compiled.has(task.compile.key)) checklists.for(task.compile);
      compiled.add(task.compile.key);
    } catch {
      // The main process compiles the same checklist and reports what is wrong with it.
    }
    process.send!({ primed: true } satisfies LintReply);
    return;
  }
  let reply: LintReply;
  try {
    if (!compiled.has(task.settings.key)) {
      checklists.for(task.settings);
      compiled.add(task.settings.key);
      process.send!({ index: task.index, compiled: true } satisfies LintReply);
    }
    const read = task.text !== undefined ? { text: task.text } : readDocument(task.path, task.maxFileSize);
    reply = { index: task.index, result: lintRead(task.path, read, task.settings, checklists) };
  } catch (error) {
    reply = { index: task.index, error: (error as Error).message, ...(error instanceof UserError ? { exitCode: error.exitCode } : {}) };
  }
  // A failed send means the run is over (its reader closed the pipe, say): nothing is left to do.
  process.send!(reply, (error: Error | null) => {
    if (error) process.exit();
  });
});
// The main process is gone (it exits at once when the report's reader closes the pipe): so is its work.
process.on('disconnect', () => process.exit());

// Loaded: the pool starts a file's clock only from here, so start-up never counts against it.
process.send!({ ready: true } satisfies LintReply);
