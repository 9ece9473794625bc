import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleFile } from './checklist/assemble.js';
import { buildChecklistSchema } from './config/checklist-schema.js';
import type { ItemConfig } from './config/load.js';
import { compileChecklist, defaultChecklist } from './checklist/load.js';
import type { Checklist } from './checklist/types.js';
import { lint } from './lint/index.js';

/**
 * The rule tester: a rule file's examples are its tests. Under "## Failing example" and "## Passing
 * example", each ```markdown block is linted; in a failing example, every line where a finding is
 * expected ends with a marker naming the rule (or rules, comma-separated):
 *
 *     Scoring takes 40 ms. <!-- expect: latency-percentile -->
 *
 * The markers are removed before linting. An example passes when each marker's rule reports a
 * finding that starts on the marker's line, and the file's own rule reports nothing else: a failing
 * example finds exactly what is marked, a passing one (which has no markers) nothing of its rule.
 * No finding of any example may say "undefined" or show a `${…}` unresolved: that is an
 * errorMessage pointer naming nothing, which a user would read as the message.
 */

export interface RuleExample {
  /** The rule the file describes. */
  rule: string;
  kind: 'failing' | 'passing';
  /** The example's Markdown with its markers removed: what is linted. */
  text: string;
  /** Findings the markers expect: rule id and 1-based line within the example. */
  expected: { rule: string; line: number }[];
  /** Where the example is, for test names and messages: file and line of its opening fence. */
  source: string;
  /** The rule file's `exampleConfig`: a config (its `checklist`) the examples are linted with. */
  config?: { checklist?: Record<string, ItemConfig> };
}

const MARKER = /[ \t]*<!-- expect: ([^>]*?) -->/g;
/** What a message shows when its errorMessage interpolates nothing: "undefined", or the `${…}` left as written. */
const UNRESOLVED = /\bundefined\b|\$\{[^}]*\}/;
const SECTIONS = { failing: 'Failing example', passing: 'Passing example' } as const;

/** A rule file's examples (see above); `file` names it in messages. */
export function ruleExamples(text: string, file = 'rule file'): RuleExample[] {
  const { meta, body } = parseRuleFile(text, file);
  const bodyStart = text.length - body.length;
  const startLine = text.slice(0, bodyStart).split('\n').length;
  const lines = body.split('\n');
  const examples: RuleExample[] = [];
  let kind: RuleExample['kind'] | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.startsWith('## ')) {
      const heading = line.slice(3).trim();
      kind = heading === SECTIONS.failing ? 'failing' : heading === SECTIONS.passing ? 'passing' : undefined;
      continue;
    }
    if (!kind || !/^```markdown\s*$/.test(line)) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end === -1) throw new Error(`${file}:${startLine + i}: the example's \`\`\` fence is never closed`);
    const source = lines.slice(i + 1, end);
    const expected = source.flatMap((l, n) =>
      [...l.matchAll(MARKER)].flatMap((m) => m[1]!.split(',').map((rule) => ({ rule: rule.trim(), line: n + 1 }))),
    );
    examples.push({
      rule: meta.id,
      kind,
      text: `${source.map((l) => l.replace(MARKER, '')).join('\n')}\n`,
      expected,
      source: `${file}:${startLine + i}`,
      ...(meta.exampleConfig ? { config: meta.exampleConfig as RuleExample['config'] } : {}),
    });
    i = end;
  }
  return examples;
}

/** Every example of every rule file (`*.md`) in a folder, or of one rule file. */
export function ruleExamplesIn(path: string): RuleExample[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  return files.flatMap((file) => ruleExamples(readFileSync(file, 'utf8'), file));
}

/**
 * What is wrong with an example, linted with `checklist` (default: the built-in one; when the rule
 * file gives an `exampleConfig`, that config's checklist over the built-in one): an empty list when it holds.
 */
export function checkRuleExample(example: RuleExample, checklist: Checklist = defaultChecklist()): string[] {
  const judge = example.config?.checklist ? compileChecklist(buildChecklistSchema(example.config.checklist)) : checklist;
  // A rule's examples test what it finds, not the level a config reports it at (even `off`).
  const findings = lint(example.text, { ...judge, severities: undefined }).diagnostics.filter((d) => !d.suppressed);
  const problems: string[] = [];
  if (example.kind === 'failing' && !example.expected.some((e) => e.rule === example.rule)) {
    problems.push(`${example.source}: a failing example marks where ${example.rule} reports (<!-- expect: ${example.rule} --> at the end of the line)`);
  }
  if (example.kind === 'passing' && example.expected.length > 0) problems.push(`${example.source}: a passing example expects no findings, so it has no markers`);
  for (const e of example.expected) {
    if (!findings.some((d) => d.ruleId === e.rule && d.line === e.line)) {
      const got = findings.filter((d) => d.ruleId === e.rule).map((d) => d.line);
      problems.push(`${example.source}: expected ${e.rule} on line ${e.line} of the example${got.length > 0 ? `, found it on line ${got.join(', ')}` : ', found none'}`);
    }
  }
  for (const d of findings) {
    if (d.ruleId === example.rule && !example.expected.some((e) => e.rule === d.ruleId && e.line === d.line)) {
      problems.push(`${example.source}: unexpected ${d.ruleId} on line ${d.line} of the example: ${d.message}`);
    }
    // An errorMessage's ${pointer} that names no value prints "undefined": the message, not the doc, is wrong.
    const unresolved = UNRESOLVED.exec(d.message)?.[0];
    if (unresolved) {
      problems.push(`${example.source}: ${d.ruleId} on line ${d.line} of the example says "${unresolved}", a \${…} in its errorMessage that names no value (a relative pointer counts from where the error is): ${d.message}`);
    }
  }
  return problems;
}
