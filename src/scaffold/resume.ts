import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { InterviewState } from './interview.js';
import { UserError } from '../errors.js';
import { safeWrite } from '../io/write.js';

/** What Ctrl-C keeps of an interview: enough for `mlsd new <name> --resume` to continue it. */
export interface Resumable {
  name: string;
  type: string;
  state: InterviewState;
}

/**
 * Where an interrupted interview is kept: the user's state folder, never the repository (nothing
 * is written beside the doc on Ctrl-C). One file per target path, so two drafts resume separately.
 */
export function resumePath(target: string, env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || (process.platform === 'win32' && env.LOCALAPPDATA) || join(homedir(), '.local', 'state');
  const id = createHash('sha256').update(target).digest('hex').slice(0, 16);
  return join(base, 'mlsd', 'resume', `${id}.json`);
}

export async function saveResumable(path: string, data: Resumable): Promise<void> {
  await safeWrite(path, `${JSON.stringify(data, null, 2)}\n`, { force: true });
}

export function loadResumable(path: string): Resumable | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as Resumable;
    if (typeof data?.type !== 'string' || typeof data.state?.answers !== 'object') throw new Error('unexpected shape');
    return data;
  } catch {
    throw new UserError(`the kept answers in ${path} cannot be read; delete the file to start again`);
  }
}

export function clearResumable(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // nothing kept
  }
}
