import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist, lint, loadChecklist } from '../src/index.js';
import { tempDir } from './helpers.js';

const DOC = '# Notes\n\nNothing here yet.\n';
const levels = (diagnostics: readonly { ruleId: string; itemId?: string; severity: string }[]) => diagnostics.map((d) => `${d.ruleId} ${d.itemId} ${d.severity}`);

describe('the library applies the config\'s severities as the CLI does', () => {
  it('a rule set to warning and an item turned off, from the config loadChecklist finds', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'rules:\n  required-section: warning\nchecklist:\n  metrics:\n    severity: "off"\n');
    const configured = levels(lint(DOC, await loadChecklist({ cwd: dir })).diagnostics);
    const builtIn = levels(lint(DOC, defaultChecklist()).diagnostics);
    // Without the config: errors, metrics among them; the config's levels change exactly that.
    expect(builtIn).toContain('required-section metrics error');
    expect(builtIn).toContain('required-section labels error');
    expect(configured).toEqual(builtIn.filter((d) => !d.includes(' metrics ')).map((d) => d.replace(/^required-section (\S+) error$/, 'required-section $1 warning')));
    expect(configured).toContain('required-section labels warning');
  });
});
