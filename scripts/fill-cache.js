#!/usr/bin/env node
// Fills the cache of verdict-corpus documents that may not be redistributed, from git repositories
// on this machine: HELP below says how it is called. A mistake in the call or in the files it reads
// ends it with one line and exit 2.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFolder, fail, isLabelled, parseCall, readDoc, splitOf, usageError, verdicts } from './verdict-corpus.js';

const HELP = `Usage: npm run fill-cache -- <folder> --from <dir> [options]

Fills the cache that npm run eval and npm run ablate read the documents of <folder>/labels.yaml
from when they may not be redistributed ($MLSD_VERDICTS_CACHE, default ~/.cache/mlsd/verdicts/).
Each document that can't be read yet is taken from its repository under <dir>, at the commit its
entry records, and written to the cache under its file name if its bytes are the ones labelled
(SHA-256). Nothing already readable is touched.

A repository owner/name is looked for at <dir>/owner/name or <dir>/owner+name: a clone, a bare
repository, or a folder holding one. Any clone will do as long as it has the recorded commit.

Prints how many documents were written and how many each split can now read, and names those that
could not be had and why.

Options:
  --from DIR      where the repositories are
  --missing       print only the repositories still needed (owner/name, one per line; those not
                  under DIR when --from is given), for a clone loop, and write nothing
  -h, --help      print this help

Exit status: 0 when done, even if some documents could not be had; 2 for a mistake in the call or
in the files it reads.

Examples:
  npm run --silent fill-cache -- bench/verdicts --missing > repos.txt
  npm run fill-cache -- bench/verdicts --from ~/src/corpus
`;

const { values, positionals } = parseCall({ from: { type: 'string' }, missing: { type: 'boolean' } }, HELP);
if (positionals.length !== 1) usageError(positionals.length === 0 ? 'which folder? give the one holding labels.yaml' : `one folder only, not ${positionals.join(', ')}`);
const [folder] = positionals;
const { from, missing: listMissing } = values;
if (from === undefined && !listMissing) usageError('where are the repositories? give --from DIR');
if (from !== undefined && !existsSync(from)) fail(`no such folder: ${from}`);

const documents = verdicts(join(folder, 'labels.yaml'), 'documents');
const cache = cacheFolder();
const needed = documents.filter((doc) => readDoc(doc, folder, cache) === undefined);

/** A git directory at `path`: a bare repository or a clone's `.git`. */
const gitDirAt = (path) => [path, join(path, '.git')].find((dir) => existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects')));

/** The git directory of `owner/name` under `from`: the repository itself or a folder holding one. */
function repositoryOf(repository) {
  const [owner, name] = repository.split('/');
  for (const base of [join(from, owner, name), join(from, `${owner}+${name}`)]) {
    if (!existsSync(base)) continue;
    const dir = gitDirAt(base) ?? readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => gitDirAt(join(base, e.name))).find(Boolean);
    if (dir) return dir;
  }
  return undefined;
}

if (listMissing) {
  const repositories = new Set(needed.map((doc) => doc.repository).filter((repository) => typeof repository === 'string'));
  for (const repository of [...repositories].sort()) if (from === undefined || !repositoryOf(repository)) console.log(repository);
  process.exit(0);
}

/** The file's bytes at the recorded commit, or why there are none. */
function blobOf(doc) {
  if (typeof doc.repository !== 'string' || typeof doc.commit !== 'string' || typeof doc.path !== 'string') return { why: 'its entry names no repository, commit and path' };
  const dir = repositoryOf(doc.repository);
  if (!dir) return { unreached: doc.repository };
  try {
    return { bytes: execFileSync('git', ['--git-dir', dir, 'cat-file', 'blob', `${doc.commit}:${doc.path}`], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }) };
  } catch (error) {
    if (error.code === 'ENOENT') fail('git is not installed: it reads the documents from their repositories');
    return { why: `${doc.repository} has no ${doc.path} at ${doc.commit.slice(0, 12)}` };
  }
}

mkdirSync(cache, { recursive: true });
let written = 0;
const failures = [];
const unreached = new Set();
for (const doc of needed) {
  const { bytes, why, unreached: repository } = blobOf(doc);
  if (repository) unreached.add(repository);
  if (!bytes) {
    if (why) failures.push(`${doc.file}: ${why}`);
    continue;
  }
  if (!isLabelled(doc, bytes)) {
    failures.push(`${doc.file}: its bytes at ${doc.commit.slice(0, 12)} are not the ones labelled (SHA-256 differs)`);
    continue;
  }
  // Written whole or not at all: eval must never read half a document.
  const target = join(cache, doc.file);
  writeFileSync(`${target}.part`, bytes);
  renameSync(`${target}.part`, target);
  written += 1;
}

const readable = new Map();
for (const doc of documents) {
  const counts = readable.get(splitOf(doc)) ?? { read: 0, all: 0 };
  counts.all += 1;
  if (readDoc(doc, folder, cache) !== undefined) counts.read += 1;
  readable.set(splitOf(doc), counts);
}
console.log(`${written} written to ${cache}`);
console.log([...readable].map(([split, { read, all }]) => `${split} ${read} of ${all}`).join(', ') + ' documents readable');
// Repositories not cloned yet are one list to fetch (--missing prints it); anything else is named.
if (unreached.size > 0) console.log(`${unreached.size} ${unreached.size === 1 ? 'repository is' : 'repositories are'} not under ${from} (npm run fill-cache -- ${folder} --from ${from} --missing lists them)`);
for (const failure of failures) console.log(`  ${failure}`);
