import { appendFile } from 'node:fs/promises';

/** GitHub shows at most 1 MiB of summary per step. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Append Markdown to GitHub's job summary file, cut at a line boundary to stay under the limit. */
export async function appendStepSummary(path: string, markdown: string): Promise<void> {
  let text = markdown;
  if (Buffer.byteLength(text, 'utf8') > STEP_SUMMARY_LIMIT) {
    const note = '\n\n_mlsd: summary cut here; GitHub shows at most 1 MiB per step. Run with --format markdown for the full scorecard._\n';
    const budget = STEP_SUMMARY_LIMIT - Buffer.byteLength(note, 'utf8');
    let cut = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8');
    cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
    text = cut + note;
  }
  await appendFile(path, text, 'utf8');
}
