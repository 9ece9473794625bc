import { appendFile, stat } from 'node:fs/promises';

/** GitHub shows at most 1 MiB of summary per step. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/**
 * Append Markdown to GitHub's job summary file, cut at a line boundary to stay under the limit,
 * counting what the step wrote there before (mlsd run twice in one step).
 */
export async function appendStepSummary(path: string, markdown: string): Promise<void> {
  let text = markdown;
  const room = STEP_SUMMARY_LIMIT - ((await stat(path).catch(() => undefined))?.size ?? 0);
  if (Buffer.byteLength(text, 'utf8') > room) {
    const note = '\n\n_mlsd: summary cut here; GitHub shows at most 1 MiB per step. Run with --format markdown for the full scorecard._\n';
    const budget = room - Buffer.byteLength(note, 'utf8');
    if (budget < 0) return; // the step's summary is full already
    let cut = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8');
    cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
    text = cut + note;
  }
  await appendFile(path, text, 'utf8');
}
