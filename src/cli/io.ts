import { readFile } from 'node:fs/promises';
import { readFailure } from '../run/read-document.js';

/** The process's streams and surroundings, passed in so commands can be run and tested in-process. */
export interface Io {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Read a file as UTF-8; any failure becomes a one-line usage error naming the file. */
export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw readFailure(path, error);
  }
}
