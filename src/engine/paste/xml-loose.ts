import { PREDEFINED_ENTITIES } from "./clean.js";
import type { ParsedPayload, Tree, TreeRecord } from "./tree.js";
import { MAX_DEPTH, newRecord } from "./tree.js";

interface Element {
  name: string;
  children: TreeRecord;
  hasChildren: boolean;
  text: string;
}

/**
 * Decodes the five predefined entities and numeric references only. Entities a
 * document declares are never expanded: no external entities, no expansion bombs.
 */
function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/gi, (all, ref: string) => {
    if (ref.startsWith("#")) {
      const point =
        ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      // Surrogate code points are not characters: U+FFFD, like any other broken text.
      if (point >= 0xd800 && point <= 0xdfff) return "\ufffd";
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : "";
    }
    return PREDEFINED_ENTITIES[ref.toLowerCase()] ?? all;
  });
}

function addChild(parent: Element, name: string, value: Tree): void {
  parent.hasChildren = true;
  const existing = parent.children[name];
  if (existing === undefined) parent.children[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent.children[name] = [existing, value];
}

function valueOf(element: Element): Tree {
  if (element.hasChildren) return element.children;
  return decodeText(element.text.trim());
}

/**
 * Parses the XML of v1.1 responses into the same tree shape as JSON: an element with
 * children becomes a record (repeated children an array), a leaf its text. Tolerates
 * truncation and mismatched tags; skips declarations, DOCTYPE and comments.
 */
export function parseXmlLoose(text: string, start: number): ParsedPayload | null {
  const document: Element = { name: "", children: newRecord(), hasChildren: false, text: "" };
  const stack: Element[] = [document];
  let depthCapped = false;
  let i = start;
  const n = text.length;
  let closedRoot = false;

  while (i < n && !closedRoot) {
    const lt = text.indexOf("<", i);
    const top = stack[stack.length - 1] ?? document;
    if (lt === -1) {
      top.text += text.slice(i);
      i = n;
      break;
    }
    top.text += text.slice(i, lt);
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      top.text += text.slice(lt + 9, end === -1 ? n : end).replace(/&/g, "&amp;");
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (text.startsWith("<!", lt) || text.startsWith("<?", lt)) {
      i = skipDeclaration(text, lt);
      continue;
    }
    const gt = text.indexOf(">", lt);
    const tag = text.slice(lt + 1, gt === -1 ? n : gt);
    i = gt === -1 ? n : gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const index = stack.findLastIndex((element) => element.name === name);
      if (index <= 0) continue;
      while (stack.length > index) closeTop(stack);
      closedRoot = stack.length === 1 && document.hasChildren;
      continue;
    }
    const match = /^([A-Za-z_][\w.:-]*)/.exec(tag);
    if (!match?.[1]) {
      top.text += "<" + tag + (gt === -1 ? "" : ">");
      continue;
    }
    const element: Element = {
      name: match[1],
      children: newRecord(),
      hasChildren: false,
      text: "",
    };
    for (const attr of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (attr[1]) addChild(element, attr[1], decodeText(attr[2] ?? attr[3] ?? ""));
    }
    if (stack.length > MAX_DEPTH) {
      depthCapped = true;
      continue;
    }
    if (tag.endsWith("/")) {
      addChild(top, element.name, valueOf(element));
      closedRoot = stack.length === 1;
    } else {
      stack.push(element);
    }
  }
  const truncated = stack.length > 1;
  while (stack.length > 1) closeTop(stack);
  if (!document.hasChildren) return null;
  return { tree: document.children, format: "xml", start, end: i, truncated, depthCapped };
}

function closeTop(stack: Element[]): void {
  const element = stack.pop();
  const parent = stack[stack.length - 1];
  if (element && parent) addChild(parent, element.name, valueOf(element));
}

/** Skips `<?…?>` and `<!DOCTYPE …>` including an internal subset in brackets. */
function skipDeclaration(text: string, lt: number): number {
  let depth = 0;
  for (let i = lt + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === "[") depth++;
    else if (ch === "]") depth--;
    else if (ch === ">" && depth <= 0) return i + 1;
  }
  return text.length;
}
