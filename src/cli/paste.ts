/**
 * Grouping the lines of a console into inputs. A paste reaches a terminal program as
 * many lines, blank ones included (HTTP headers, an empty line, then the body); a typed
 * query is one line followed by a pause. The lines of one paste are one input.
 */

/** Tags opened and closed: `<a>`, `</a>`, `<a/>`; not `<?xml …?>`, comments or doctypes. */
const TAG = /<(\/?)[A-Za-z][\w:.-]*(?:\s[^<>]*?)?(\/?)>/y;
const FENCE = /^\s*```/;
const REQUEST_OR_STATUS_LINE =
  /^\s*(HTTP\/\d(\.\d)?\s+\d{3}\b|(GET|POST|PUT|PATCH|DELETE)\s+\S+\s+HTTP\/)/;

/**
 * Whether the text so far could be a whole paste: brackets and XML elements closed,
 * code fences closed, and a body after HTTP headers. Fed line by line, so that a long
 * paste is scanned once, not once per line.
 */
export class PasteShape {
  private brackets = 0;
  private elements = 0;
  private fences = 0;
  private headers = false;
  private body = false;

  feed(line: string): void {
    if (FENCE.test(line)) this.fences++;
    if (REQUEST_OR_STATUS_LINE.test(line)) this.headers = true;
    // JSON strings never span lines, so a stray quote cannot hide the rest of the paste.
    let inString = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (inString) {
        if (ch === "\\") i++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === "{" || ch === "[") {
        this.brackets++;
        this.body = true;
      } else if (ch === "}" || ch === "]") this.brackets--;
      else if (ch === "<") {
        TAG.lastIndex = i;
        const tag = TAG.exec(line);
        if (tag) {
          this.body = true;
          if (tag[1] === "/") this.elements--;
          else if (tag[2] !== "/") this.elements++;
          i = TAG.lastIndex - 1;
        }
      }
    }
  }

  get complete(): boolean {
    return (
      this.brackets <= 0 &&
      this.elements <= 0 &&
      this.fences % 2 === 0 &&
      (!this.headers || this.body)
    );
  }
}

export interface PasteTiming {
  /** Quiet time after a line that ends the input when it looks whole. */
  pasteIntervalMs: number;
  /** Quiet time that ends an input that does not look whole (a paste cut short). */
  unfinishedMs: number;
}

export const PASTE_TIMING: PasteTiming = { pasteIntervalMs: 75, unfinishedMs: 1000 };

/**
 * Collects lines into inputs. An input ends when the terminal says its bracketed paste
 * ended, or when no line has arrived for a short interval (longer while the text is
 * still open: an unclosed brace, element, fence, or headers without their body).
 */
export class InputCollector {
  private lines: string[] = [];
  private shape = new PasteShape();
  private timer: NodeJS.Timeout | null = null;
  private bracketed = false;

  constructor(
    private readonly onInput: (text: string, lineCount: number) => void,
    private readonly timing: PasteTiming = PASTE_TIMING,
  ) {}

  get pending(): boolean {
    return this.lines.length > 0;
  }

  addLine(line: string): void {
    this.lines.push(line);
    this.shape.feed(line);
    this.schedule();
  }

  /** The terminal began a bracketed paste: its lines belong together until it ends. */
  pasteStarted(): void {
    this.bracketed = true;
    this.schedule();
  }

  /**
   * The bracketed paste ended. A paste of several lines is complete now, with `rest`
   * (what follows its last line break) as its last line; a paste within one line stays
   * on the line being edited. Returns whether the input was taken.
   */
  pasteEnded(rest: string): boolean {
    this.bracketed = false;
    if (!this.pending) return false;
    if (rest !== "") this.lines.push(rest);
    this.flush();
    return true;
  }

  cancel(): void {
    this.clearTimer();
    this.bracketed = false;
    this.reset();
  }

  /** Ends the current input now (for example at the end of the input stream). */
  flush(): void {
    this.clearTimer();
    if (!this.pending) return;
    const text = this.lines.join("\n");
    const count = this.lines.length;
    this.reset();
    this.onInput(text, count);
  }

  private reset(): void {
    this.lines = [];
    this.shape = new PasteShape();
  }

  private schedule(): void {
    this.clearTimer();
    // A bracketed paste ends with the terminal's marker; the long wait only guards
    // against a terminal that never sends it.
    const wait =
      this.bracketed || !this.shape.complete
        ? this.timing.unfinishedMs
        : this.timing.pasteIntervalMs;
    this.timer = setTimeout(() => {
      this.flush();
    }, wait);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
