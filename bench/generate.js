#!/usr/bin/env node
// Deterministic corpus of synthetic ML system design docs for the benchmark.
//
//   node bench/generate.js <count> <outDir> [--seed N]
//
// The same seed and index always give byte-identical files (each doc has its own PRNG stream,
// derived from the seed and its index), so the corpus of 100 is a prefix of the corpus of 1,000.
// Sizes are skewed (log-normal, clamped to 2–40 KB) with a mean of about 10 KB. Some docs miss
// sections, carry TODO placeholders or bad front matter, so the linter has something to say.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
const MIN_BYTES = 2 * 1024;
const MAX_BYTES = 40 * 1024;
const FILES_PER_FOLDER = 100;

// ---------------------------------------------------------------- PRNG

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mix the corpus seed and a doc index into an independent 32-bit seed. */
function docSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  /** Standard normal, Box–Muller. */
  normal() {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  shuffle(list) {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

// ---------------------------------------------------------------- word and phrase banks

const DOMAINS = [
  { type: 'feed-ranking', name: 'Home feed ranking', item: 'post', action: 'engagement', entity: 'viewer' },
  { type: 'recommendation', name: 'Product recommendations', item: 'product', action: 'purchase', entity: 'shopper' },
  { type: 'ads-click-prediction', name: 'Sponsored listing click prediction', item: 'ad impression', action: 'click', entity: 'advertiser' },
  { type: 'search-ranking', name: 'Help centre search ranking', item: 'article', action: 'successful search', entity: 'searcher' },
  { type: 'fraud-detection', name: 'Payout fraud scoring', item: 'payout request', action: 'confirmed fraud', entity: 'seller' },
  { type: 'content-moderation', name: 'Comment toxicity triage', item: 'comment', action: 'removal', entity: 'moderator' },
  { type: 'visual-search', name: 'Visual similar-item search', item: 'image query', action: 'add to cart', entity: 'buyer' },
  { type: 'marketplace-search-ranking', name: 'Rental listing search ranking', item: 'listing', action: 'booking', entity: 'guest' },
  { type: 'rag-llm', name: 'Internal policy question answering', item: 'answer', action: 'resolved question', entity: 'employee' },
  { type: 'generic', name: 'Delivery time estimation', item: 'order', action: 'on-time delivery', entity: 'courier' },
];

const TEAMS = ['growth-ml', 'risk-ml', 'search-quality', 'ranking-core', 'trust-safety', 'ml-platform', 'logistics-ds', 'assistant-team'];
const SERVING_MODES = ['batch', 'online', 'near-real-time', 'streaming', 'edge', 'hybrid'];
const STATUSES = ['draft', 'review', 'approved'];

const MODELS = ['gradient boosted trees', 'a two-tower retrieval model', 'a logistic regression baseline', 'a deep cross network', 'a fine-tuned transformer encoder', 'a sequence model over recent events', 'a calibrated random forest', 'a multi-task ranking network'];
const METRICS = ['precision at 10', 'recall at the operating point', 'NDCG@20', 'AUC-PR', 'log loss', 'expected calibration error', 'mean absolute error', 'hit rate at 50', 'answer groundedness'];
const ONLINE_METRICS = ['session conversion', 'click-through rate', 'dwell time per session', 'chargeback rate', 'report rate', 'tickets deflected', 'late deliveries per thousand'];
const FEATURES = ['days since first activity', 'seven-day interaction counts', 'item popularity decayed over a day', 'text embedding of the title', 'price relative to category median', 'device and locale', 'distance between the two parties', 'share of past requests declined', 'hour of week'];
const DATA_SOURCES = ['the event log', 'the orders warehouse table', 'the feature store', 'moderation decisions', 'the search query log', 'support tickets', 'the catalogue service', 'courier GPS pings'];
const DURATIONS = ['one hour', 'six hours', 'a day', 'three days', 'a week', 'two weeks', 'thirty days', 'a quarter'];
const VERBS = ['reduces', 'increases', 'stabilises', 'shifts', 'inflates', 'hides', 'exposes', 'dampens'];
const RISKS = ['popularity bias', 'feedback loops', 'label delay', 'position bias', 'a cold start for new items', 'train–serve skew', 'silent schema changes upstream', 'seasonal drift', 'adversarial probing'];
const COMPONENTS = ['candidate retrieval', 'feature fetch', 'model inference', 're-ranking', 'business rules', 'network overhead', 'response serialisation'];
const SECTION_FILLERS = ['baseline', 'guardrail', 'holdout', 'shadow traffic', 'backfill', 'canary', 'replay', 'ablation', 'calibration'];

const SENTENCES = [
  'The current {baseline} relies on {model}, which has not been retrained for {duration}.',
  'We frame the task as predicting the probability of a {action} for each {item} shown to a {entity}.',
  'Training data comes from {source}, joined to {source2} on the request identifier.',
  'Labels mature after {duration}, so the most recent window is excluded from training.',
  'We expect {feature} to carry most of the signal, with {feature2} as a strong secondary feature.',
  'Offline, the model is judged on {metric}; online, the primary metric is {online}.',
  'A change that {verb} {online} by more than two percent triggers a review before rollout continues.',
  'The main risk is {risk}, which we mitigate with a {filler} step and weekly audits.',
  'Every feature is computed as of the request time, never from values written after it.',
  'We keep a holdout of one percent of traffic that never sees the new model, used as the {filler} reference.',
  'Latency is dominated by {component}, which takes about {ms} ms at p99.',
  'The end-to-end budget is {budget} ms at p99, measured at the API gateway.',
  'Drift in {feature} beyond a population stability index of 0.2 pages the on-call engineer.',
  'Scores are refreshed with a lag of at most {duration} and written back to {source}.',
  'We compared {model} against {model2}; the former won on {metric} by a small margin.',
  'Predictions are logged with the model version so that any {action} can be traced back.',
  'Group-level error rates are reported for every region and device class before each launch.',
  'If {online} drops for two consecutive days, the rollout is paused and the previous model restored.',
  'Feature values are clipped to the 1st and 99th percentiles seen in training.',
  'The {entity} experience must not degrade for new accounts, which have little history.',
  'We will revisit {risk} once the {filler} has run for {duration}.',
  'Negative examples are down-sampled to twenty percent and re-weighted in the loss.',
  'A nightly job recomputes {feature} for every {item} and stores it in {source}.',
  'Any {item} scored above the threshold is sent to manual review instead of being acted on directly.',
];

const TODO_LINES = ['TODO: fill in.', 'TBD', '_TODO: owner to complete before review._', 'TODO — waiting on the data team.', '<!-- TODO -->', 'Coming soon.'];

// The outline: each entry is a heading and, optionally, alternative spellings seen in real docs.
const OUTLINE = [
  { key: 'overview', titles: ['Overview', 'Summary', 'Context'] },
  { key: 'framing', titles: ['Problem framing', 'Business objective', 'Problem statement'] },
  { key: 'data', titles: ['Data', 'Data sources', 'Training data'] },
  { key: 'labels', titles: ['Labels', 'Labeling', 'Ground truth'] },
  { key: 'features', titles: ['Features', 'Feature engineering'] },
  { key: 'model', titles: ['Model', 'Modeling approach', 'Model architecture'] },
  { key: 'leakage', titles: ['Leakage checks', 'Data leakage'] },
  { key: 'metrics', titles: ['Metrics', 'Offline metrics', 'Success metrics'] },
  { key: 'online', titles: ['Online evaluation', 'A/B testing', 'Experimentation'] },
  { key: 'latency', titles: ['Latency budget', 'Performance requirements'] },
  { key: 'serving', titles: ['Serving mode', 'Serving', 'Inference'] },
  { key: 'drift', titles: ['Drift monitoring', 'Monitoring', 'Observability'] },
  { key: 'rai', titles: ['Responsible AI', 'Fairness', 'Privacy and fairness'] },
  { key: 'risks', titles: ['Risks', 'Risks and mitigations', 'Failure modes'] },
  { key: 'rollout', titles: ['Rollout', 'Launch plan', 'Rollout plan'] },
  { key: 'alternatives', titles: ['Alternatives considered'] },
  { key: 'cost', titles: ['Cost', 'Infrastructure cost'] },
  { key: 'questions', titles: ['Open questions'] },
  { key: 'appendix', titles: ['Appendix', 'References'] },
];
const SUBSECTIONS = ['Assumptions', 'Details', 'Edge cases', 'Baseline', 'Next steps', 'Notes', 'Trade-offs', 'Validation'];

// ---------------------------------------------------------------- text builders

function fill(rng, template, ctx) {
  return template.replace(/\{(\w+)\}/g, (_m, slot) => {
    switch (slot) {
      case 'model': return rng.pick(MODELS);
      case 'model2': return rng.pick(MODELS);
      case 'metric': return rng.pick(METRICS);
      case 'online': return rng.pick(ONLINE_METRICS);
      case 'feature': return rng.pick(FEATURES);
      case 'feature2': return rng.pick(FEATURES);
      case 'source': return rng.pick(DATA_SOURCES);
      case 'source2': return rng.pick(DATA_SOURCES);
      case 'duration': return rng.pick(DURATIONS);
      case 'verb': return rng.pick(VERBS);
      case 'risk': return rng.pick(RISKS);
      case 'filler': return rng.pick(SECTION_FILLERS);
      case 'component': return rng.pick(COMPONENTS);
      case 'ms': return String(rng.int(2, 60));
      case 'budget': return String(ctx.budget);
      case 'action': return ctx.domain.action;
      case 'item': return ctx.domain.item;
      case 'entity': return ctx.domain.entity;
      case 'baseline': return 'system';
      default: return slot;
    }
  });
}

/** Light inline markup, so the parser sees emphasis, code spans and links. */
function decorate(rng, sentence) {
  const r = rng.next();
  if (r < 0.12) return sentence.replace(/(\b\w{6,}\b)/, '**$1**');
  if (r < 0.22) return sentence.replace(/(\b\w{5,}\b)/, '_$1_');
  if (r < 0.3) return sentence.replace(/(\b\w{7,}\b)/, '`$1`');
  if (r < 0.36) return `${sentence} See [the ${rng.pick(SECTION_FILLERS)} notes](https://wiki.example.com/ml/${rng.int(100, 999)}).`;
  return sentence;
}

function sentence(rng, ctx) {
  return decorate(rng, fill(rng, rng.pick(SENTENCES), ctx));
}

function paragraph(rng, ctx, min = 2, max = 6) {
  const n = rng.int(min, max);
  const out = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng, ctx));
  // Wrap at ~100 columns like hand-written docs.
  const words = out.join(' ').split(' ');
  const lines = [];
  let line = '';
  for (const w of words) {
    if (line.length + w.length + 1 > 100 && line) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function shortItem(rng, ctx) {
  const s = fill(rng, rng.pick(SENTENCES), ctx);
  return rng.chance(0.3) ? `**${rng.pick(SECTION_FILLERS)}**: ${s}` : s;
}

function bulletList(rng, ctx) {
  const lines = [];
  const n = rng.int(3, 7);
  for (let i = 0; i < n; i++) {
    lines.push(`- ${shortItem(rng, ctx)}`);
    if (rng.chance(0.25)) {
      const m = rng.int(1, 3);
      for (let j = 0; j < m; j++) lines.push(`  - ${decorate(rng, fill(rng, rng.pick(SENTENCES), ctx))}`);
    }
  }
  return lines.join('\n');
}

function numberedList(rng, ctx) {
  const lines = [];
  const n = rng.int(3, 6);
  for (let i = 1; i <= n; i++) {
    lines.push(`${i}. ${shortItem(rng, ctx)}`);
    if (rng.chance(0.2)) lines.push(`   - ${fill(rng, rng.pick(SENTENCES), ctx)}`);
  }
  return lines.join('\n');
}

function taskList(rng) {
  const lines = [];
  const n = rng.int(3, 6);
  for (let i = 0; i < n; i++) {
    const done = rng.chance(0.4) ? 'x' : ' ';
    lines.push(`- [${done}] ${rng.pick(['Run', 'Review', 'Sign off', 'Backfill', 'Document', 'Automate'])} the ${rng.pick(SECTION_FILLERS)} for ${rng.pick(FEATURES)}`);
  }
  return lines.join('\n');
}

function metricsTable(rng) {
  const rows = ['| Metric | Kind | Baseline | Target |', '|---|---|---:|---:|'];
  const n = rng.int(3, 6);
  for (let i = 0; i < n; i++) {
    const online = rng.chance(0.4);
    const base = (rng.next() * 0.6 + 0.2).toFixed(3);
    const target = (Number(base) + rng.next() * 0.05).toFixed(3);
    rows.push(`| ${online ? rng.pick(ONLINE_METRICS) : rng.pick(METRICS)} | ${online ? 'online' : 'offline'} | ${base} | ${target} |`);
  }
  return rows.join('\n');
}

function latencyTable(rng, ctx) {
  const rows = ['| Stage | p50 (ms) | p99 budget (ms) |', '|---|---:|---:|'];
  const stages = rng.shuffle(COMPONENTS).slice(0, rng.int(3, 6));
  let total = 0;
  for (const stage of stages) {
    const p99 = rng.int(3, 40);
    total += p99;
    rows.push(`| ${stage} | ${Math.max(1, Math.round(p99 / 3))} | ${p99} |`);
  }
  // Now and then the stages do not add up to the budget: a finding for the linter.
  const stated = rng.chance(0.8) ? total : total + rng.int(5, 30);
  rows.push(`| **Total** | | **${stated}** |`);
  ctx.budget = ctx.budget ?? stated;
  return rows.join('\n');
}

function featuresTable(rng) {
  const rows = ['| Group | Examples | Source | Freshness |', '|---|---|---|---|'];
  const n = rng.int(3, 6);
  for (let i = 0; i < n; i++) {
    rows.push(`| ${rng.pick(['Request', 'History', 'Item', 'Context', 'Graph', 'Text'])} | ${rng.pick(FEATURES)}; ${rng.pick(FEATURES)} | ${rng.pick(DATA_SOURCES)} | ${rng.pick(DURATIONS)} |`);
  }
  return rows.join('\n');
}

function yamlBlock(rng, ctx) {
  return [
    '```yaml',
    'serving:',
    `  mode: ${ctx.serving}`,
    `  replicas: ${rng.int(2, 24)}`,
    `  timeout_ms: ${rng.int(20, 400)}`,
    'model:',
    `  name: ${ctx.domain.type}-v${rng.int(1, 9)}`,
    `  refresh: ${rng.pick(['hourly', 'daily', 'weekly'])}`,
    'features:',
    ...rng.shuffle(FEATURES).slice(0, 3).map((f) => `  - ${f.replace(/\W+/g, '_')}`),
    '```',
  ].join('\n');
}

function pythonBlock(rng) {
  const lr = (rng.next() * 0.1).toFixed(3);
  return [
    '```python',
    'def train(frame, label_col="label"):',
    '    train_df, valid_df = time_split(frame, cutoff=CUTOFF)',
    `    model = Booster(learning_rate=${lr}, max_depth=${rng.int(4, 12)}, n_estimators=${rng.int(100, 2000)})`,
    '    model.fit(train_df.drop(columns=[label_col]), train_df[label_col])',
    '    scores = model.predict_proba(valid_df.drop(columns=[label_col]))[:, 1]',
    '    return model, average_precision(valid_df[label_col], scores)',
    '```',
  ].join('\n');
}

function sqlBlock(rng, ctx) {
  return [
    '```sql',
    `SELECT e.request_id, e.${ctx.domain.entity.replace(/\W+/g, '_')}_id, e.event_time,`,
    `       COALESCE(o.outcome, 0) AS label`,
    `FROM events e`,
    `LEFT JOIN outcomes o ON o.request_id = e.request_id`,
    `  AND o.observed_at <= e.event_time + INTERVAL '${rng.int(1, 120)} days'`,
    `WHERE e.event_time < CURRENT_DATE - INTERVAL '${rng.int(7, 120)} days';`,
    '```',
  ].join('\n');
}

function quote(rng, ctx) {
  return `> **Note:** ${fill(rng, rng.pick(SENTENCES), ctx)}`;
}

/** The blocks a section of this kind prefers, then generic ones. */
function pickBlock(rng, key, ctx) {
  const special = {
    metrics: () => metricsTable(rng),
    latency: () => latencyTable(rng, ctx),
    features: () => featuresTable(rng),
    data: () => sqlBlock(rng, ctx),
    labels: () => sqlBlock(rng, ctx),
    model: () => pythonBlock(rng),
    serving: () => yamlBlock(rng, ctx),
    rollout: () => taskList(rng),
    leakage: () => taskList(rng),
  }[key];
  if (special && rng.chance(0.35)) return special();
  const r = rng.next();
  if (r < 0.5) return paragraph(rng, ctx);
  if (r < 0.68) return bulletList(rng, ctx);
  if (r < 0.77) return numberedList(rng, ctx);
  if (r < 0.82) return taskList(rng);
  if (r < 0.87) return rng.chance(0.5) ? metricsTable(rng) : featuresTable(rng);
  if (r < 0.93) return rng.pick([() => yamlBlock(rng, ctx), () => pythonBlock(rng), () => sqlBlock(rng, ctx)])();
  return quote(rng, ctx);
}

// ---------------------------------------------------------------- one document

export function generateDoc(seed, index) {
  const rng = new Rng(docSeed(seed, index));
  const domain = rng.pick(DOMAINS);
  const serving = rng.pick(SERVING_MODES);
  const ctx = { domain, serving, budget: rng.pick([50, 80, 100, 150, 200, 300, 500]) };

  // Log-normal target size: median ~8.4 KB, mean ~10 KB after clamping to 2–40 KB.
  const target = Math.round(Math.min(MAX_BYTES - 1024, Math.max(MIN_BYTES + 256, Math.exp(Math.log(8400) + 0.62 * rng.normal()))));

  const badFrontMatter = rng.chance(0.05);
  const title = `${domain.name}${rng.chance(0.5) ? ` v${rng.int(2, 5)}` : ''}`;
  const head = [
    '---',
    `title: ${title}`,
    `owner: ${rng.pick(TEAMS)}@example.com`,
    `status: ${badFrontMatter && rng.chance(0.5) ? 'wip' : rng.pick(STATUSES)}`,
    `problem_type: ${domain.type}`,
    `serving_mode: ${serving}`,
    ...(rng.chance(0.9) ? [`latency_budget: ${badFrontMatter ? 'fast' : `${ctx.budget}ms`}`] : []),
    '---',
    '',
    `# ${title}`,
  ];

  // Sections: the outline in order, some dropped (missing sections are findings), sized to the target.
  const nSections = Math.max(10, Math.min(25, Math.round(8 + target / 1800)));
  let outline = OUTLINE.filter(() => true);
  if (rng.chance(0.35)) {
    const drop = rng.int(1, 4);
    for (let i = 0; i < drop; i++) outline.splice(rng.int(1, outline.length - 1), 1);
  }
  const numbered = rng.chance(0.25);
  const parts = [head.join('\n')];
  let bytes = parts[0].length;
  const sections = [];
  for (const [i, entry] of outline.entries()) {
    sections.push({ level: 2, key: entry.key, title: `${numbered ? `${i + 1}. ` : ''}${rng.pick(entry.titles)}` });
  }
  while (sections.length < nSections) {
    const at = rng.int(1, sections.length);
    const parent = sections[at - 1];
    sections.splice(at, 0, { level: 3, key: parent.key, title: rng.pick(SUBSECTIONS) });
  }
  // Every section opens with a short paragraph (or a TODO placeholder); then blocks go to random
  // sections until the doc reaches its target size. A block that pushes it past 40 KB is taken back.
  const todoRate = rng.chance(0.3) ? 0.15 : 0;
  const bodies = sections.map((section) => {
    const todo = rng.chance(todoRate);
    return { section, todo, blocks: [todo ? rng.pick(TODO_LINES) : paragraph(rng, ctx, 1, 2)] };
  });
  const headingBytes = sections.reduce((n, s) => n + s.title.length + s.level + 3, 0);
  bytes += headingBytes + bodies.reduce((n, b) => n + b.blocks[0].length + 2, 0);
  const open = bodies.filter((b) => !b.todo);
  while (bytes < target && open.length > 0) {
    const body = rng.pick(open);
    const block = pickBlock(rng, body.section.key, ctx);
    const size = Buffer.byteLength(block) + 2;
    if (bytes + size > MAX_BYTES - 64) break;
    body.blocks.push(block);
    bytes += size;
  }
  for (const { section, blocks } of bodies) {
    parts.push([`${'#'.repeat(section.level)} ${section.title}`, ...blocks].join('\n\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------- corpus

export function docPath(index) {
  const folder = `area-${String(Math.floor(index / FILES_PER_FOLDER)).padStart(3, '0')}`;
  return join(folder, `design-${String(index).padStart(5, '0')}.md`);
}

/** Write `count` docs under outDir; returns size statistics in bytes. */
export function generateCorpus(count, outDir, seed = 1) {
  const sizes = [];
  const made = new Set();
  for (let i = 0; i < count; i++) {
    const rel = docPath(i);
    const folder = join(outDir, rel, '..');
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const text = generateDoc(seed, i);
    const buf = Buffer.from(text, 'utf8');
    writeFileSync(join(outDir, rel), buf);
    sizes.push(buf.length);
  }
  sizes.sort((a, b) => a - b);
  const total = sizes.reduce((s, x) => s + x, 0);
  return { count, total, mean: total / count, min: sizes[0], median: sizes[Math.floor(count / 2)], max: sizes[count - 1] };
}

function parseArgs(argv) {
  const positional = [];
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i].startsWith('--seed=')) seed = Number(argv[i].slice(7));
    else positional.push(argv[i]);
  }
  const count = Number(positional[0]);
  if (positional.length !== 2 || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: node bench/generate.js <count> <outDir> [--seed N]\n');
    process.exit(2);
  }
  return { count, outDir: positional[1], seed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { count, outDir, seed } = parseArgs(process.argv.slice(2));
  const s = generateCorpus(count, outDir, seed);
  const kb = (b) => (b / 1024).toFixed(1);
  process.stdout.write(
    `wrote ${s.count} docs to ${outDir} (seed ${seed}): ${(s.total / 1024 / 1024).toFixed(2)} MB, ` +
      `mean ${kb(s.mean)} KB, median ${kb(s.median)} KB, range ${kb(s.min)}–${kb(s.max)} KB\n`,
  );
}
