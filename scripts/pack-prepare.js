// The packed package.json has no "prepare" script. npm runs prepare for a git or folder dependency,
// never for a tarball, yet npm 11 lists a tarball's prepare among the install scripts a project
// must approve (and the tarball has no scripts/ folder it could run). As pinst does for postinstall,
// prepack disables it (`disable`: renamed "_prepare", the last step of prepack, so a failed build
// leaves package.json as it was) and postpack enables it again (`enable`), leaving the file byte
// for byte as committed. A git dependency still builds: npm runs the clone's own prepare before it
// packs the clone, without prepack. Either step is a no-op when already done.
//
// A pack stopped between the two (Ctrl-C, a failed pack) leaves "_prepare" behind, and git shows
// package.json changed. `restore`, the first step of `npm run build` (which prepack, `npm test` and a
// developer run), enables it again and says so; npm runs no script of the package.json as it is then
// on `npm install`, since its prepare is the one renamed.
import { readFileSync, writeFileSync } from 'node:fs';

const RENAMES = { disable: ['prepare', '_prepare'], enable: ['_prepare', 'prepare'], restore: ['_prepare', 'prepare'] };
const step = process.argv[2];
const rename = RENAMES[step];
if (!rename) {
  console.error('usage: node scripts/pack-prepare.js disable|enable|restore');
  process.exit(2);
}
const [from, to] = rename;
const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(file, 'utf8'));
if (pkg.scripts?.[from] !== undefined && pkg.scripts[to] !== undefined) {
  // Which of the two to keep is the writer's call, and packing as it is would ship a prepare.
  console.error('mlsd: package.json has both a "prepare" and a "_prepare" script (an npm pack stopped before postpack leaves "_prepare"): keep the one you mean and remove the other');
  process.exit(1);
}
if (pkg.scripts?.[from] !== undefined) {
  // Renamed where it stands, so that enabling gives back the committed file.
  pkg.scripts = Object.fromEntries(Object.entries(pkg.scripts).map(([name, command]) => [name === from ? to : name, command]));
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  if (step === 'restore') console.error('mlsd: package.json: renamed "_prepare" back to "prepare", which an interrupted npm pack had left disabled');
}
