// The packed package.json has no "prepare" script. npm runs prepare for a git or folder dependency,
// never for a tarball, yet npm 11 lists a tarball's prepare among the install scripts a project
// must approve (and the tarball has no scripts/ folder it could run). As pinst does for postinstall,
// prepack disables it (`disable`: renamed "_prepare", the last step of prepack, so a failed build
// leaves package.json as it was) and postpack enables it again (`enable`), leaving the file byte
// for byte as committed. A git dependency still builds: npm runs the clone's own prepare before it
// packs the clone, without prepack. Either step is a no-op when already done, so a pack that failed
// before postpack is set right by the next one.
import { readFileSync, writeFileSync } from 'node:fs';

const RENAMES = { disable: ['prepare', '_prepare'], enable: ['_prepare', 'prepare'] };
const rename = RENAMES[process.argv[2]];
if (!rename) {
  console.error('usage: node scripts/pack-prepare.js disable|enable');
  process.exit(2);
}
const [from, to] = rename;
const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(file, 'utf8'));
if (pkg.scripts?.[from] !== undefined && pkg.scripts[to] === undefined) {
  // Renamed where it stands, so that enabling gives back the committed file.
  pkg.scripts = Object.fromEntries(Object.entries(pkg.scripts).map(([name, command]) => [name === from ? to : name, command]));
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
