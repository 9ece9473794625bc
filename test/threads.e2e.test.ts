import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importModule } from '../src/runtime/import-module.js';
import { ROOT, runCli, tempDir } from './helpers.js';

describe('lint on parallel workers', () => {
  const dir = tempDir('mlsd-threads-');
  // A generated corpus: realistic docs with findings of every kind (bench/generate.js, fixed seed).
  spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.js'), '60', dir, '--seed', '3'], { encoding: 'utf8' });

  it('reports exactly what a single-threaded run reports, in the same order', () => {
    const single = runCli(['lint', '.', '--format', 'json', '--threads', '1'], { cwd: dir });
    const pooled = runCli(['lint', '.', '--format', 'json', '--threads', '2'], { cwd: dir });
    expect(single.code).toBe(1);
    expect(pooled.code).toBe(single.code);
    const files = JSON.parse(single.stdout).files;
    expect(files).toHaveLength(60);
    expect(files.some((f: { diagnostics: unknown[] }) => f.diagnostics.length > 0)).toBe(true);
    expect(pooled.stdout).toBe(single.stdout);
    expect(pooled.stderr).toBe(''); // no progress noise without a terminal
  });

  it('refuses a --threads that is not a whole number of 1 or more as the other numeric options are: exit 2, one line', () => {
    for (const value of ['0', '-1', '1.5', 'two', '']) {
      const run = runCli(['lint', '.', '--threads', value], { cwd: dir });
      expect(run.code, value).toBe(2);
      expect(run.stderr, value).toBe(`mlsd: option '--threads <n>' argument '${value}' is invalid. expected a whole number, 1 or more: 1 lints in this process, 2 or more in that many worker processes\n`);
    }
    // A huge number is as many workers as there are cores: the run is the one --threads 2 makes.
    const some = ['area-000/design-00000.md', 'area-000/design-00001.md', 'area-000/design-00002.md'];
    const huge = runCli(['lint', ...some, '--format', 'json', '--threads', '9'.repeat(30)], { cwd: dir });
    expect(huge.code).toBe(1);
    expect(huge.stdout).toBe(runCli(['lint', ...some, '--format', 'json', '--threads', '2'], { cwd: dir }).stdout);
  });

  it('turns a file a worker cannot read into a usage error (exit 2 in the CLI)', async () => {
    // The built pool, as the CLI runs it: the worker is a separate process running dist/ code.
    const built = (...path: string[]) => pathToFileURL(join(ROOT, 'dist', ...path)).href;
    const { ProcessPool } = await importModule<typeof import('../src/run/process-pool.js')>(built('run', 'process-pool.js'));
    const { settingsFor } = await importModule<typeof import('../src/config/settings.js')>(built('config', 'settings.js'));
    const settings = settingsFor({ checklist: {}, rules: {}, overrides: [], ignores: [], gitignore: true, answers: {}, languages: {} }, 'x.md');
    const tasks = [join(ROOT, 'examples', 'feed-ranking.md'), join(dir, 'vanished.md')].map((path, index) => ({ index, path, settings, maxFileSize: 5 * 1024 * 1024 }));
    const pool = new ProcessPool(2, { timeoutMs: 10_000 });
    try {
      const [, vanished] = tasks.map((task) => pool.lint(task));
      await expect(vanished).rejects.toMatchObject({ name: 'UserError', message: `cannot read ${join(dir, 'vanished.md')}: no such file` });
      // The run stops: a file handed out after the failure is not linted.
      await expect(pool.lint(tasks[0]!)).rejects.toMatchObject({ name: 'UserError' });
    } finally {
      pool.close();
    }
  });
});
