import { readFile } from 'node:fs/promises';
import { readFailure } from '../run/read-document.js';

/** Read a file as UTF-8; any failure becomes a one-line usage error naming the file (as the user named it). */
export async function readText(path: string, name = path): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw readFailure(name, error);
  }
}
