import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultChecklist } from '../src/checklist/load.js';
import { lint } from '../src/lint/index.js';
import { runCli, tempDir, tempTree } from './helpers.js';

// What `mlsd new` writes from the command line, lint reads without a front-matter finding.
const FRONT_MATTER_RULES = new Set(['front-matter', 'front-matter-yaml']);
const frontMatterFindings = (text: string) => lint(text, defaultChecklist()).diagnostics.filter((d) => FRONT_MATTER_RULES.has(d.ruleId));
/** The doc `mlsd new --yes` prints for one answer given with --set, and how it ended. */
const draft = (key: string, value: string, ...args: string[]) => runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'owner=ml', '--set', `${key}=${value}`, '--dry-run', ...args], { cwd: tempDir() });

describe('serving modes', () => {
  it('a synonym is written as the value lint knows (on-device → edge), from the command line too', () => {
    const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'serving_mode=on-device', '--dry-run'], { cwd: tempDir() });
    expect(run.code).toBe(0);
    const frontMatter = parse(run.stdout.split('---')[1]!) as Record<string, unknown>;
    expect(frontMatter.serving_mode).toBe('edge');
    expect(frontMatterFindings(run.stdout)).toEqual([]);
  });

  it('a Russian answer is written as the value it stands for, the doc as that value draws it', () => {
    const russian = { онлайн: 'online', батч: 'batch', Пакетный: 'batch', стриминг: 'streaming', потоковый: 'streaming', 'на устройстве': 'edge', 'почти в реальном времени': 'near-real-time' };
    for (const [given, value] of Object.entries(russian)) {
      const run = draft('serving_mode', given);
      expect(run.code, `${given}: ${run.stderr}`).toBe(0);
      expect(run.stdout, given).toBe(draft('serving_mode', value).stdout);
      expect((parse(run.stdout.split('---')[1]!) as Record<string, unknown>).serving_mode, given).toBe(value);
    }
  });

  it('refuses what is none of them, naming the values it takes', () => {
    const run = draft('serving_mode', 'облако');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: --set: "serving_mode" "облако" is not one of: batch, online, near-real-time, streaming, edge, hybrid\n');
  });
});

describe('latency budgets', () => {
  it('mlsd new takes --set latency_budget with any unit lint accepts', () => {
    for (const given of ['2 seconds', '1h']) {
      const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', `latency_budget=${given}`, '--dry-run'], { cwd: tempDir() });
      expect(run.code, run.stderr).toBe(0);
      expect(frontMatterFindings(run.stdout)).toEqual([]);
    }
  });

  it('takes a budget written the Russian way, a decimal comma and a Russian unit, and writes it as the same budget in English units is', () => {
    const russian = { '1,5 с': ['1.5 s', '1.5 s'], '2 с': ['2 s', '2 s'], '200 мс': ['200 ms', '200 ms'], '1 ч': ['1 h', '60 min'], 'p95 1,5 сек.': ['p95 1.5 s', '1.5 s'] };
    for (const [given, [english, written]] of Object.entries(russian)) {
      const run = draft('latency_budget', given);
      expect(run.code, `${given}: ${run.stderr}`).toBe(0);
      expect(run.stdout, given).toBe(draft('latency_budget', english!).stdout);
      expect((parse(run.stdout.split('---')[1]!) as Record<string, unknown>).latency_budget, given).toBe(written);
      expect(frontMatterFindings(run.stdout), given).toEqual([]);
    }
  });

  it('refuses a budget in no unit it knows, as clearly in Russian', () => {
    const run = draft('latency_budget', '1,5 попугая');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: --set: "latency_budget" "1,5 попугая" is not a latency: give a number with a unit, e.g. "150 ms" (units: µs, ms, s, min, h)\n');
  });
});

describe("a team template's status and number questions", () => {
  const templates = () =>
    tempTree({
      'templates/review-gate/questions.yaml':
        'id: review-gate\ntitle: Review gate\ndescription: A design that goes through a review gate.\nversion: 1\nquestions:\n' +
        '  - { key: review_status, section: specifics, message: Status of the review, type: choice, vocabulary: status }\n' +
        '  - { key: share, section: specifics, message: Share of traffic in the first step, type: number }\n',
      'templates/review-gate/template.md.hbs': '## Review gate\n\nStatus: {{answer "review_status"}}. Share of traffic: {{answer "share"}}.\n',
    });
  const gate = (cwd: string, status: string, share: string) =>
    runCli(['new', 'gate', '--type', 'review-gate', '--templates', 'templates', '--yes', '--dry-run', '--set', 'owner=ml', '--set', `review_status=${status}`, '--set', `share=${share}`], { cwd });

  it('take a Russian status as the status it stands for, and a decimal comma as written', () => {
    const cwd = templates();
    for (const [given, value] of Object.entries({ черновик: 'draft', 'На ревью': 'review', утвержден: 'approved', утверждён: 'approved' })) {
      const run = gate(cwd, given, '0,5');
      expect(run.code, `${given}: ${run.stderr}`).toBe(0);
      expect(run.stdout, given).toContain(`Status: ${value}. Share of traffic: 0,5.`);
    }
  });

  it('refuse what is neither, clearly', () => {
    const cwd = templates();
    expect(gate(cwd, 'в работе', '0,5').stderr).toBe('mlsd: --set: "review_status" "в работе" is not one of: draft, review, approved\n');
    expect(gate(cwd, 'review', '0,5,1').stderr).toBe('mlsd: --set: "share" "0,5,1" is not a number\n');
  });
});
