import { Checklists } from '../checklist/build.js';
import { UsageError } from './errors.js';
import { readText } from './io.js';
import { lintDocument } from './lint-file.js';
import type { WorkerReply, WorkerTask } from './lint-pool.js';

// A process of the lint pool: reads and lints the files it is handed, one message each.
const checklists = new Checklists();

process.on('message', async (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { index: task.index, result: lintDocument(task.path, await readText(task.path), task.settings, checklists) };
  } catch (error) {
    reply = { index: task.index, error: (error as Error).message, usage: error instanceof UsageError };
  }
  process.send!(reply);
});
