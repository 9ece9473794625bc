import { importModule } from '../runtime/import-module.js';
import type { Io } from '../io/process.js';

/** What a prompt hands back: an answer (empty: left unanswered), or a request to go back one question. */
export type PromptResult = { value: string } | { back: true };

export interface AskText {
  message: string;
  /** "Data and labels · 7 of 28": where the user is. */
  progress: string;
  hint?: string;
  suggestion?: string;
  /** An empty answer is refused when nothing is suggested. */
  required: boolean;
  /** Returns a message when the answer is not acceptable. */
  validate: (value: string) => string | undefined;
  /** Going back is offered (not on the first question). */
  canGoBack: boolean;
}

export interface AskChoice {
  message: string;
  progress: string;
  hint?: string;
  choices: { value: string; name: string; description?: string }[];
  suggestion?: string;
  canGoBack: boolean;
}

export interface Prompts {
  text(ask: AskText): Promise<PromptResult>;
  choice(ask: AskChoice): Promise<PromptResult>;
}

/** Terminal styles, or none when NO_COLOR asks for none. */
export function styles(env: NodeJS.ProcessEnv) {
  const on = env.NO_COLOR === undefined || env.NO_COLOR === '';
  const sgr = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { dim: sgr(2, 22), bold: sgr(1, 22), cyan: sgr(36, 39), red: sgr(31, 39) };
}

const isBack = (key: { name?: string; ctrl?: boolean }) => key.ctrl === true && key.name === 'b';

/**
 * Typed alone, leaves a question unanswered (a TODO(mlsd) placeholder in the doc). Enter on an empty
 * line accepts the suggestion, so without a word of its own a question that has one could not be
 * left for later by someone who does not know the answer yet.
 */
const LEAVE_EMPTY = '-';

/** Ctrl-B: back to the question before, or say why not on the first one. */
function goBack(canGoBack: boolean, setError: (error: string) => void, markBack: () => void, done: (result: PromptResult) => void): void {
  if (!canGoBack) return setError('This is the first question.');
  markBack();
  done({ back: true });
}

/**
 * The prompts of `mlsd new`, built on @inquirer/core (loaded only by `mlsd new`): a text prompt
 * that shows its suggestion, lets Tab edit it, refuses an empty answer to a required question with
 * nothing suggested, and goes back with Ctrl-B; a choice prompt with the same keys. Ctrl-C rejects
 * with inquirer's ExitPromptError, and Ctrl-D on an empty line with its AbortPromptError, which the
 * command turns into "answers kept, exit 130".
 */
export async function loadPrompts(io: Io): Promise<Prompts> {
  const core = await importModule<typeof import('@inquirer/core')>('@inquirer/core');
  const { dim, bold, cyan, red } = styles(io.env);
  /** The keys a prompt answers to, always shown under it. */
  const keyLine = (parts: (string | false)[]) => dim(parts.filter(Boolean).join(' · '));
  const { createPrompt, useState, useRef, useKeypress, useEffect, usePrefix, isEnterKey, isTabKey, isUpKey, isDownKey, makeTheme } = core;
  // Bracketed paste: the terminal marks where a paste starts and ends, so a pasted paragraph of
  // several lines is one answer rather than its first line, with the rest typed into nowhere.
  if ((io.stderr as { isTTY?: boolean }).isTTY) {
    io.stderr.write('\x1b[?2004h');
    process.once('exit', () => io.stderr.write('\x1b[?2004l'));
  }
  /**
   * Readline closes on Ctrl-D at an empty line (end of input) without settling the prompt, and the
   * process would then end, exit 0, as if the doc were written: the close stops the prompt instead.
   * An answer or Ctrl-C settles the prompt first, which removes this listener.
   */
  const useStopOnClose = (stop: () => void) =>
    useEffect((rl) => {
      rl.on('close', stop);
      return () => void rl.removeListener('close', stop);
    }, []);
  /**
   * Ctrl-Z suspends the process; readline pauses its input when `fg` continues it and leaves the
   * resuming to whoever listens, so nothing read the keys any more and the process ended, exit 0,
   * no doc written and not a word said. Resumed here, the prompt takes keys again, and is drawn
   * again (the shell wrote over it).
   */
  const useResumeOnContinue = () => {
    const [, setContinuedCount] = useState(0); // a new value draws the prompt again
    const continued = useRef(0);
    useEffect((rl) => {
      const resume = () => {
        rl.resume();
        setContinuedCount((continued.current += 1));
      };
      rl.on('SIGCONT', resume);
      return () => void rl.removeListener('SIGCONT', resume);
    }, []);
  };
  // Prompts go to stderr, so `mlsd new x --dry-run > doc.md` keeps the doc clean. Each prompt gets
  // its own abort signal, which Ctrl-D on an empty line fires.
  const context = () => {
    const controller = new AbortController();
    return { input: io.stdin, output: io.stderr, signal: controller.signal, stop: () => controller.abort() };
  };

  const text = createPrompt<PromptResult, AskText & { stop: () => void }>((config, done) => {
    const theme = makeTheme({});
    const [status, setStatus] = useState<'idle' | 'done' | 'back'>('idle');
    const [value, setValue] = useState('');
    const [error, setError] = useState<string | undefined>(undefined);
    // The lines of a paste before the one being edited, and whether a paste is under way.
    const [pasted, setPasted] = useState<string[]>([]);
    const pasting = useRef(false);
    const prefix = usePrefix({ status: status === 'back' ? 'done' : status, theme });
    const suggestion = config.suggestion;
    const multiline = suggestion?.includes('\n') ?? false;
    useStopOnClose(config.stop);
    useResumeOnContinue();

    useKeypress((key, rl) => {
      if (status !== 'idle') return;
      if (key.name === 'paste-start' || key.name === 'paste-end') {
        pasting.current = key.name === 'paste-start';
        return;
      }
      if (isEnterKey(key) && pasting.current) {
        setPasted([...pasted, value]); // a line break inside the paste, not the answer given
        setValue('');
        return;
      }
      if (isBack(key)) return goBack(config.canGoBack, setError, () => setStatus('back'), done);
      if (key.name === 'backspace' && value === '' && pasted.length > 0) {
        // Only the last line is on the readline: Backspace at its start takes the line above back to
        // edit, or a pasted answer that is refused (a code fence left open) could never be mended.
        const above = pasted.at(-1)!;
        setPasted(pasted.slice(0, -1));
        rl.write(above);
        setValue(above);
        return setError(undefined);
      }
      if (isEnterKey(key)) {
        const typed = [...pasted, value].join('\n').trim();
        const answer = typed === LEAVE_EMPTY ? '' : typed === '' ? (suggestion ?? '') : typed;
        if (answer === '' && config.required) {
          rl.write(value);
          return setError(suggestion === undefined ? 'This question needs an answer: nothing is suggested for it.' : 'This question needs an answer: Enter accepts the suggestion.');
        }
        const problem = answer === '' ? undefined : config.validate(answer);
        if (problem) {
          rl.write(value); // readline cleared the line on Enter: give the text back to fix
          return setError(problem);
        }
        setValue(answer);
        setStatus('done');
        return done({ value: answer });
      }
      if (isTabKey(key) && value === '' && suggestion !== undefined && !multiline) {
        rl.clearLine(0);
        rl.write(suggestion);
        setValue(suggestion);
        return;
      }
      setValue(rl.line);
      setError(undefined);
    });

    const head = `${prefix} ${bold(config.message)}`;
    if (status === 'back') return dim(`↩ ${config.message} (went back)`);
    if (status === 'done' && value === '') return `${head} ${dim('(left for later)')}`;
    if (status === 'done') return `${head} ${cyan(!value.includes('\n') ? value : value === suggestion ? '(the suggested text)' : `${value.split('\n')[0]} … (${value.split('\n').length} lines)`)}`;
    const lines = [dim(config.progress), ...(config.hint ? [dim(`  ${config.hint}`)] : [])];
    if (multiline) lines.push(dim('  Suggested:'), ...suggestion!.split('\n').map((l) => dim(`    ${l}`)));
    const shown = value === '' && pasted.length === 0 && suggestion !== undefined ? dim(multiline ? '(Enter accepts the suggestion above)' : `(${suggestion})`) : value;
    if (pasted.length > 0) lines.push(head, ...pasted.map((l) => `  ${l}`), `  ${shown}`);
    else lines.push(`${head} ${shown}`);
    const keys = keyLine([
      suggestion !== undefined ? 'Enter accepts the suggestion' : config.required ? 'an answer is required' : 'Enter leaves it for later',
      suggestion !== undefined && !multiline && 'Tab edits it',
      suggestion !== undefined && !config.required && `type ${LEAVE_EMPTY} to leave it for later`,
      config.canGoBack && 'Ctrl-B goes back',
      'Ctrl-C stops (answers are kept)',
    ]);
    return [lines.join('\n'), error ? `${red(`> ${error}`)}\n${keys}` : keys];
  });

  const choice = createPrompt<PromptResult, AskChoice & { stop: () => void }>((config, done) => {
    const theme = makeTheme({});
    const start = Math.max(0, config.choices.findIndex((c) => c.value === config.suggestion));
    const [status, setStatus] = useState<'idle' | 'done' | 'back'>('idle');
    const [active, setActive] = useState(start);
    const [error, setError] = useState<string | undefined>(undefined);
    const pasting = useRef(false);
    const prefix = usePrefix({ status: status === 'back' ? 'done' : status, theme });
    useStopOnClose(config.stop);
    useResumeOnContinue();

    useKeypress((key) => {
      if (status !== 'idle') return;
      // A paste is no choice: a line break in it would select the highlighted entry, unasked.
      if (key.name === 'paste-start' || key.name === 'paste-end') {
        pasting.current = key.name === 'paste-start';
        if (!pasting.current) setError('Pasted text is not a choice: ↑↓ choose, Enter selects.');
        return;
      }
      if (pasting.current) return;
      if (isBack(key)) return goBack(config.canGoBack, setError, () => setStatus('back'), done);
      if (isEnterKey(key)) {
        setStatus('done');
        return done({ value: config.choices[active]!.value });
      }
      const n = config.choices.length;
      if (isUpKey(key)) setActive((active + n - 1) % n);
      else if (isDownKey(key)) setActive((active + 1) % n);
      setError(undefined);
    });

    const head = `${prefix} ${bold(config.message)}`;
    if (status === 'back') return dim(`↩ ${config.message} (went back)`);
    if (status === 'done') return `${head} ${cyan(config.choices[active]!.name)}`;
    const rows = config.choices.map((c, i) => (i === active ? cyan(`❯ ${c.name}`) : `  ${c.name}`));
    const description = config.choices[active]!.description;
    const lines = [dim(config.progress), ...(config.hint ? [dim(`  ${config.hint}`)] : []), head, ...rows, ...(description ? [dim(`  ${description}`)] : [])];
    const keys = keyLine(['↑↓ choose', 'Enter selects', config.canGoBack && 'Ctrl-B goes back', 'Ctrl-C stops (answers are kept)']);
    return [lines.join('\n'), error ? `${red(`> ${error}`)}\n${keys}` : keys];
  });

  return {
    text: (config) => {
      const { stop, ...where } = context();
      return text({ ...config, stop }, where);
    },
    choice: (config) => {
      const { stop, ...where } = context();
      return choice({ ...config, stop }, where);
    },
  };
}
