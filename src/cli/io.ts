import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { NOT_UTF8, utf8Text } from '../io/text.js';
import { readFailure } from '../run/read-document.js';

/** Read a file as UTF-8 (refused when it is not); any failure becomes a one-line usage error naming the file (as the user named it). */
export async function readText(path: string, name = path): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw readFailure(name, error);
  }
  const text = utf8Text(bytes);
  if (text === undefined) throw new UserError(`cannot read ${name}: ${NOT_UTF8}`);
  return text;
}
