// `npm install` in a clone builds dist/, so `npx mlsd` works right after it (the README's quick
// start). `npm pack` (and so a git dependency or pre-commit's install) builds in "prepack" instead:
// skip here, or it would build twice.
import { spawnSync } from 'node:child_process';

const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
if (!packing) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(build.status ?? 1);
}
