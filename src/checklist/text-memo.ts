/**
 * Answers remembered by the text they are about. A lint after an edit meets nearly all of the
 * same blocks and sentences again, so an editor's next lint finds most answers here. Two
 * generations bound the memory: when the current one is full it becomes the previous one, and an
 * answer still in use is carried over, so a document's working set (up to `limit` texts) is kept
 * whole where clearing everything at a limit would forget it on every lint of a large document.
 */
export class TextMemo<T> {
  private current = new Map<string, T>();
  private previous = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(text: string, compute: (text: string) => T): T {
    let value = this.current.get(text);
    if (value !== undefined) return value;
    value = this.previous.get(text) ?? compute(text);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(text, value);
    return value;
  }
}
