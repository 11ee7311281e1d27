import type { ParsedPayload, Tree, TreeRecord } from "./tree.js";
import { MAX_DEPTH, newRecord } from "./tree.js";

interface Frame {
  container: Tree[] | TreeRecord;
  key: string | null;
}

const LITERALS: Record<string, Tree> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
  NaN: null,
  Infinity: null,
  undefined: null,
};

/**
 * Parses JSON the way people paste it: truncated, with trailing commas, single
 * quotes, unquoted keys or Python literals. Iterative (no recursion, so no stack
 * overflow on deep nesting); nesting past MAX_DEPTH is skipped. Returns null when
 * nothing at `start` looks like JSON.
 */
export function parseJsonLoose(text: string, start: number): ParsedPayload | null {
  const stack: Frame[] = [];
  let root: Tree | undefined;
  let skipped = 0; // depth of containers being skipped past MAX_DEPTH
  let depthCapped = false;
  let i = start;
  const n = text.length;

  const place = (value: Tree) => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      root = value;
      return;
    }
    if (Array.isArray(frame.container)) frame.container.push(value);
    else if (frame.key !== null) {
      frame.container[frame.key] = value;
      frame.key = null;
    }
  };
  const expectsKey = () => {
    const frame = stack[stack.length - 1];
    return frame !== undefined && !Array.isArray(frame.container) && frame.key === null;
  };

  while (i < n) {
    const ch = text[i] ?? "";
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t" || ch === "," || ch === ":") {
      i++;
      continue;
    }
    if (skipped > 0) {
      if (ch === "{" || ch === "[") skipped++;
      else if (ch === "}" || ch === "]") skipped--;
      else if (ch === '"' || ch === "'") i = readString(text, i).end - 1;
      i++;
      continue;
    }
    if (ch === "{" || ch === "[") {
      if (expectsKey()) break;
      if (stack.length >= MAX_DEPTH) {
        skipped = 1;
        depthCapped = true;
        place(null);
        i++;
        continue;
      }
      const container: Tree[] | TreeRecord = ch === "{" ? newRecord() : [];
      place(container);
      stack.push({ container, key: null });
      i++;
      continue;
    }
    if (ch === "}" || ch === "]") {
      stack.pop();
      i++;
      if (stack.length === 0) break;
      continue;
    }
    let value: Tree;
    if (ch === '"' || ch === "'") {
      const read = readString(text, i);
      i = read.end;
      value = read.value;
    } else {
      const match = /^[^\s,:{}[\]"']+/.exec(text.slice(i, i + 400));
      if (!match) {
        i++;
        continue;
      }
      const word = match[0];
      i += word.length;
      value = Object.hasOwn(LITERALS, word)
        ? (LITERALS[word] ?? null)
        : /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)
          ? Number(word)
          : word;
    }
    if (stack.length === 0) return null; // a bare value is not a payload
    if (expectsKey()) {
      const frame = stack[stack.length - 1];
      if (frame) frame.key = typeof value === "string" ? value : JSON.stringify(value);
    } else place(value);
  }
  if (root === undefined) return null;
  return { tree: root, format: "json", start, end: i, truncated: stack.length > 0, depthCapped };
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };

function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let i = start + 1;
  let value = "";
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (ch === quote) return { value, end: i + 1 };
    if (ch === "\n" && quote === "'") break;
    if (ch === "\\") {
      const next = text[i + 1] ?? "";
      if (next === "u") {
        const hex = text.slice(i + 2, i + 6);
        value += /^[0-9a-fA-F]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : "";
        i += 6;
        continue;
      }
      value += ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  return { value, end: i };
}
