export interface Point {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units as editors count them. */
  column: number;
}

export interface Span {
  start: Point;
  end: Point;
}

/** Turns string offsets into line/column points for one text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The last line an editor or GitHub shows: a final line break ends the last line, it starts none. */
  get lastLine(): number {
    return this.text.endsWith('\n') && this.starts.length > 1 ? this.starts.length - 1 : this.starts.length;
  }

  /** Where a line (1-based) starts in the text. */
  offsetOf(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  point(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(end) };
  }

  /** The text of a line (1-based), without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }

  /** The span of a whole line (1-based), without its line break. */
  lineSpan(line: number): Span {
    const at = Math.min(Math.max(line, 1), this.starts.length);
    const start = this.starts[at - 1]!;
    const next = this.starts[at];
    const end = next === undefined ? this.text.length : next - 1;
    return this.span(start, Math.max(start, end));
  }
}
