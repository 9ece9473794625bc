import { execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

/** The scripts npm 11 lists for a team to approve when it installs a package from a tarball (a non-registry source). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

const COMMITTED = readFileSync(join(ROOT, 'package.json'), 'utf8');
const scripts = (text: string) => (JSON.parse(text) as { scripts: Record<string, string> }).scripts;

describe('the package.json npm packs', () => {
  /** A copy of the repository's package.json and pack scripts, where the pack steps run as npm runs them. */
  function packFolder() {
    const dir = tempDir();
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(ROOT, 'scripts', 'pack-prepare.js'), join(dir, 'scripts', 'pack-prepare.js'));
    const run = (command: string) => execSync(command, { cwd: dir, stdio: 'pipe' });
    const text = () => readFileSync(join(dir, 'package.json'), 'utf8');
    return { dir, run, text };
  }

  // prepack builds first (not here: the build is the e2e tests' and .ci/integration's), then takes prepare out.
  const [build, ...afterBuild] = scripts(COMMITTED).prepack!.split(' && ');
  // What `npm run build` does before it compiles (the compiling is the e2e tests' and .ci/integration's).
  const buildSteps = scripts(COMMITTED).build!.split(' && ');
  const beforeCompile = buildSteps.slice(0, buildSteps.findIndex((step) => step.startsWith('tsc ')));

  it('has no install script a team would be asked to approve: prepare builds a clone, npm never runs it from a tarball', () => {
    expect(build).toBe('npm run build');
    const pack = packFolder();
    for (const step of afterBuild) pack.run(step);
    const packed = scripts(pack.text());
    expect(Object.keys(packed).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
    expect(packed._prepare).toBe(scripts(COMMITTED).prepare);
  });

  it('is the committed package.json again after postpack, byte for byte; either step twice is one', () => {
    const pack = packFolder();
    for (const step of [...afterBuild, ...afterBuild]) pack.run(step);
    const disabled = pack.text();
    pack.run(scripts(COMMITTED).postpack!);
    expect(pack.text()).toBe(COMMITTED);
    // A pack that failed before postpack is set right by the next one.
    for (const step of afterBuild) pack.run(step);
    expect(pack.text()).toBe(disabled);
    pack.run(scripts(COMMITTED).postpack!);
    pack.run(scripts(COMMITTED).postpack!);
    expect(pack.text()).toBe(COMMITTED);
  });

  it('is the committed package.json again, byte for byte, once `npm run build` runs after a pack stopped before postpack', () => {
    const pack = packFolder();
    for (const step of afterBuild) pack.run(step);
    expect(pack.text()).not.toBe(COMMITTED); // git shows package.json changed, and npm install would run no prepare
    for (const step of beforeCompile) pack.run(step);
    expect(pack.text()).toBe(COMMITTED);
    // And the next pack, whose prepack builds first, takes prepare out again as if nothing had happened.
    for (const step of afterBuild) pack.run(step);
    expect(Object.keys(scripts(pack.text())).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
  });

  it('refuses to pack, naming both, a package.json with both "prepare" and "_prepare": either could be the one meant', () => {
    const pack = packFolder();
    for (const step of afterBuild) pack.run(step);
    const both = pack.text().replace('"_prepare":', '"prepare": "node scripts/prepare.js",\n    "_prepare":');
    writeFileSync(join(pack.dir, 'package.json'), both);
    for (const step of [...beforeCompile, ...afterBuild, scripts(COMMITTED).postpack!]) {
      expect(() => pack.run(step), step).toThrow(/both a "prepare" and a "_prepare" script/);
      expect(pack.text()).toBe(both);
    }
  });
});
