// An open text document on the client side: keeps the text, sends incremental changes.
import fs from "node:fs";
import { pathToFileURL } from "node:url";

/** LSP position (UTF-16 code units, which JS string indices already are) of an offset. */
export function positionAt(text, offset) {
  const before = offset > 0 ? text.lastIndexOf("\n", offset - 1) : -1;
  let line = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return { line, character: offset - (before + 1) };
}

/** Offset just after the first segment key referenced in a rule/override (e.g. "- seg12"). */
export function segmentRefEnd(text) {
  const m = /^[ \t]*(?:- |segments: )(seg\d+)[ \t]*$/m.exec(text);
  if (!m) return -1;
  return m.index + m[0].indexOf(m[1]) + m[1].length;
}

/** Offset in the middle of the top-level description value. */
export function descriptionMiddle(text) {
  const m = /^description: (.+)$/m.exec(text);
  if (!m) return -1;
  return m.index + "description: ".length + Math.floor(m[1].length / 2);
}

export class Doc {
  constructor(client, file, label) {
    this.client = client;
    this.file = file;
    this.label = label;
    this.uri = pathToFileURL(file).href;
    this.text = fs.readFileSync(file, "utf8");
    this.version = 0;
  }

  open(text = this.text) {
    this.text = text;
    this.version = 1;
    this.client.notify("textDocument/didOpen", { textDocument: { uri: this.uri, languageId: "yaml", version: 1, text } });
  }

  /** Replaces `del` characters at `offset` with `ins`, as one incremental change. */
  edit(offset, del, ins) {
    const range = { start: positionAt(this.text, offset), end: positionAt(this.text, offset + del) };
    this.text = this.text.slice(0, offset) + ins + this.text.slice(offset + del);
    this.version++;
    this.client.notify("textDocument/didChange", {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges: [{ range, text: ins }],
    });
  }

  /** Opens the document with a typo in its first segment reference (an unknown segment). */
  openWithTypo() {
    const end = segmentRefEnd(this.text);
    if (end < 0) throw new Error(`no segment reference to break in ${this.label}`);
    this.typoEnd = end + 1; // just after the "x"
    this.open(this.text.slice(0, end) + "x" + this.text.slice(end));
  }

  /** Adds or removes a "y" after the typo: the diagnostic message changes every time. */
  toggleTypo() {
    if (this.text[this.typoEnd] === "y") this.edit(this.typoEnd, 1, "");
    else this.edit(this.typoEnd, 0, "y");
  }

  close() {
    this.client.notify("textDocument/didClose", { textDocument: { uri: this.uri } });
  }
}

/**
 * Offsets where Flaglens offers completions in a generated feature file, in the order the
 * completion benchmark cycles through them: just after `segments: ` (the `"*"` value), at the end
 * of a key in a rule's `segments:` list and in an `and:` list, and just after a rule's
 * `variation: ` (when the file has one). `expect` is a label the answer must contain.
 */
export function completionSites(text) {
  const sites = [];
  const add = (name, re, at, expect) => {
    const m = re.exec(text);
    if (m) sites.push({ name, offset: at(m), expect });
  };
  add('after segments: ("*")', /^[ \t]*segments: (?="\*")/m, (m) => m.index + m[0].length, "*");
  add("segments list item", /^[ \t]*segments:\n[ \t]*- (seg\d+)$/m, (m) => m.index + m[0].length, "seg0");
  add("and: list item", /^[ \t]*and:\n[ \t]*- (seg\d+)$/m, (m) => m.index + m[0].length, "seg0");
  // A rule's variation (force entries have one too, earlier in the file).
  add("rule's variation: value", /^[ \t]*percentage: \d+\n[ \t]*variation: (?=\S)/m, (m) => m.index + m[0].length, "treatment");
  return sites;
}
