// `npm install` in a clone builds dist/, so `npx mlsd` works right after it (the README's quick
// start), and so does npm installing mlsd as a git dependency (it runs prepare in its clone). `npm
// pack` builds in "prepack", which also leaves prepare out of the packed package.json
// (scripts/pack-prepare.js); should npm run prepare while packing all the same (`npm pack` of a
// git URL, whose clone was built when npm installed it), skip here, or it would build twice.
import { spawnSync } from 'node:child_process';

const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
if (!packing) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(build.status ?? 1);
}
