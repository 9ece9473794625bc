/**
 * Answers remembered by the text they are about, for the texts of the last two documents linted:
 * a lint after an edit meets nearly all of the same blocks and sentences again, so an editor's next
 * lint finds most answers here, while `mlsd lint` over many files keeps no more than two files' worth
 * (a memo that kept a fixed number of texts would hold on to every file a rarely used matcher saw,
 * and each text to the whole file it was cut from).
 */
let documents = 0;

/** A new document is being linted: what only the one before the last used is forgotten. */
export function nextDocument(): void {
  documents++;
}

export class TextMemo<T> {
  private current = new Map<string, T>();
  private previous = new Map<string, T>();
  private document = documents;

  /** `limit`: at most this many texts per generation, for a document with a great many. */
  constructor(private readonly limit: number) {}

  get(text: string, compute: (text: string) => T): T {
    if (this.document !== documents) {
      this.previous = this.document === documents - 1 ? this.current : new Map();
      this.current = new Map();
      this.document = documents;
    }
    let value = this.current.get(text);
    if (value !== undefined) return value;
    // An answer still in use is carried over from the previous document's.
    value = this.previous.get(text) ?? compute(text);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(text, value);
    return value;
  }
}

/**
 * Everything remembered about one text, one slot per question asked about texts (a term list's
 * test, its matches, the text lower-cased, its sentence ends, its words): every question about a
 * text finds its answer in one lookup, where a memo per question took one each (and a miss took
 * three). Slots are numbered from 0 as questions are made (see `newSlot`); a slot never asked is a hole.
 */
export type Answers = unknown[];

/** Texts per generation: every block, sentence, label and heading context of a large document. */
const TEXTS = 4096;
const table = new TextMemo<Answers>(TEXTS);
// As long as every slot so far: a record that grew slot by slot would be copied as it grew.
const noAnswers = (): Answers => new Array<unknown>(slots);

/** What is remembered about a text, found once however many questions are then asked about it. */
export const answersOf = (text: string): Answers => table.get(text, noAnswers);

let slots = 0;

/** A slot of its own in every text's answers. */
export const newSlot = (): number => slots++;

/** A question about a text whose answer (never undefined) is remembered with the text's other answers. */
export function remembered<T extends NonNullable<unknown>>(compute: (text: string) => T): (text: string) => T {
  const slot = newSlot();
  return (text) => {
    const answers = answersOf(text);
    let answer = answers[slot] as T | undefined;
    if (answer === undefined) answers[slot] = answer = compute(text);
    return answer;
  };
}
