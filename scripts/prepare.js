// `npm install` in a clone builds dist/, so `npx mlsd` works right after it (the README's quick
// start), and so does npm installing mlsd as a git dependency (it runs prepare in its clone). `npm
// pack` builds in "prepack", which also leaves prepare out of the packed package.json
// (scripts/pack-prepare.js); should npm run prepare while packing all the same (`npm pack` of a
// git URL, whose clone was built when npm installed it), skip here, or it would build twice.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (args, env = process.env) => spawnSync('npm', args, { stdio: 'inherit', env, shell: process.platform === 'win32' }).status ?? 1;

const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
if (!packing) {
  // `npm install -g <git url>` (how pre-commit 4 installs a node hook) prepares the clone with
  // npm_config_global still set, so the clone's own install went to the global prefix and left it
  // without the compiler: install the build's tools here, not globally, first.
  if (!existsSync('node_modules/typescript') && process.env.npm_config_global === 'true') {
    const { npm_config_global: _global, ...env } = process.env;
    const installed = run(['install', '--no-global', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'], env);
    if (installed !== 0) process.exit(installed);
  }
  process.exit(run(['run', 'build']));
}
