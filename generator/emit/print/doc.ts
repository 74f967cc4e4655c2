/**
 * Documents and the line-fitting printer: the algorithm of prettier's document printer
 * (prettier/src/document/printer.js: groups, indentation, conditional groups, ifBreak with group
 * ids, break propagation, the "fits" look-ahead into the rest of the line), for the subset of
 * document commands this generator builds. A document built the way prettier's printers build
 * it prints to the same text as prettier would.
 *
 * One addition: a group marked `guard` must print flat. The generator's printers mark the groups
 * whose broken layout they do not reproduce; if the printer would break one, it throws
 * `Unsupported` and the caller formats the file with prettier itself instead.
 */

export const enum T {
  Group = 1,
  Indent,
  Align,
  IfBreak,
  IndentIfBreak,
  Line,
  BreakParent,
}

export type Doc = string | Doc[] | DocCommand;

export type DocCommand = GroupDoc | IndentDoc | AlignDoc | IfBreakDoc | IndentIfBreakDoc | LineDoc | BreakParentDoc;

export interface GroupDoc {
  readonly t: T.Group;
  contents: Doc;
  break: boolean;
  readonly id: symbol | undefined;
  readonly expandedStates: Doc[] | undefined;
  readonly guard: boolean;
  /** The propagateBreaks pass that last visited the group. */
  seen?: number;
}
export interface IndentDoc {
  readonly t: T.Indent;
  readonly contents: Doc;
}
export interface AlignDoc {
  readonly t: T.Align;
  readonly n: number;
  readonly contents: Doc;
}
export interface IfBreakDoc {
  readonly t: T.IfBreak;
  readonly breakContents: Doc;
  readonly flatContents: Doc;
  readonly groupId: symbol | undefined;
}
export interface IndentIfBreakDoc {
  readonly t: T.IndentIfBreak;
  readonly contents: Doc;
  readonly groupId: symbol;
}
export interface LineDoc {
  readonly t: T.Line;
  readonly soft: boolean;
  readonly hard: boolean;
}
export interface BreakParentDoc {
  readonly t: T.BreakParent;
}

/** Raised where the fast printers do not reproduce prettier's layout; the caller then uses prettier. */
export class Unsupported extends Error {
  constructor(what: string) {
    super(`not printed by the built-in printer: ${what}`);
    this.name = 'Unsupported';
  }
}

// ---------------------------------------------------------------------------------------------
// Builders (named as prettier's).

export interface GroupOptions {
  readonly shouldBreak?: boolean;
  readonly id?: symbol;
  /** Must print flat (see the file comment). */
  readonly guard?: boolean;
}

export function group(contents: Doc, options: GroupOptions = {}): GroupDoc {
  return { t: T.Group, contents, break: options.shouldBreak === true, id: options.id, expandedStates: undefined, guard: options.guard === true };
}

export function conditionalGroup(states: Doc[], options: GroupOptions = {}): GroupDoc {
  return { t: T.Group, contents: states[0]!, break: options.shouldBreak === true, id: options.id, expandedStates: states, guard: options.guard === true };
}

export function indent(contents: Doc): IndentDoc {
  return { t: T.Indent, contents };
}

export function align(n: number, contents: Doc): AlignDoc {
  return { t: T.Align, n, contents };
}

export function ifBreak(breakContents: Doc, flatContents: Doc = '', options: { groupId?: symbol } = {}): IfBreakDoc {
  return { t: T.IfBreak, breakContents, flatContents, groupId: options.groupId };
}

export function indentIfBreak(contents: Doc, options: { groupId: symbol }): IndentIfBreakDoc {
  return { t: T.IndentIfBreak, contents, groupId: options.groupId };
}

export const line: LineDoc = { t: T.Line, soft: false, hard: false };
export const softline: LineDoc = { t: T.Line, soft: true, hard: false };
export const breakParent: BreakParentDoc = { t: T.BreakParent };
const hardlineWithoutBreakParent: LineDoc = { t: T.Line, soft: false, hard: true };
export const hardline: Doc = [hardlineWithoutBreakParent, breakParent];

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const parts: Doc[] = [];
  for (let i = 0; i < docs.length; i++) {
    if (i !== 0) parts.push(separator);
    parts.push(docs[i]!);
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Queries.

/** True when the document contains a forced break (prettier's willBreak). */
export function willBreak(doc: Doc): boolean {
  const stack: Doc[] = [doc];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (typeof d === 'string') continue;
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push(d[i]!);
      continue;
    }
    switch (d.t) {
      case T.Group:
        if (d.break) return true;
        stack.push(d.contents);
        break;
      case T.Line:
        if (d.hard) return true;
        break;
      case T.BreakParent:
        return true;
      case T.IfBreak:
        stack.push(d.flatContents, d.breakContents);
        break;
      case T.Indent:
      case T.Align:
      case T.IndentIfBreak:
        stack.push(d.contents);
        break;
    }
  }
  return false;
}

/** True when the document contains any line (prettier's canBreak). */
export function canBreak(doc: Doc): boolean {
  const stack: Doc[] = [doc];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (typeof d === 'string') continue;
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push(d[i]!);
      continue;
    }
    switch (d.t) {
      case T.Line:
        return true;
      case T.Group:
        stack.push(d.contents);
        break;
      case T.IfBreak:
        stack.push(d.flatContents, d.breakContents);
        break;
      case T.Indent:
      case T.Align:
      case T.IndentIfBreak:
        stack.push(d.contents);
        break;
    }
  }
  return false;
}

/**
 * Marks every group that contains a forced break as broken (prettier's propagateBreaks): a
 * breakParent or a broken group breaks the group around it; a conditional group is never marked,
 * and stops the propagation unless it was created broken. Returns whether `doc` breaks its parent.
 */
function propagateBreaks(doc: Doc, pass: number): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) {
    let any = false;
    for (let i = 0; i < doc.length; i++) if (propagateBreaks(doc[i]!, pass)) any = true;
    return any;
  }
  switch (doc.t) {
    case T.BreakParent:
      return true;
    case T.Group: {
      if (doc.seen === pass) return doc.break;
      doc.seen = pass;
      let inner = false;
      if (doc.expandedStates) {
        for (const state of doc.expandedStates) if (propagateBreaks(state, pass)) inner = true;
      } else inner = propagateBreaks(doc.contents, pass);
      if (inner && !doc.expandedStates) doc.break = true;
      return doc.break;
    }
    case T.IfBreak: {
      const a = propagateBreaks(doc.breakContents, pass);
      const b = propagateBreaks(doc.flatContents, pass);
      return a || b;
    }
    case T.Indent:
    case T.Align:
    case T.IndentIfBreak:
      return propagateBreaks(doc.contents, pass);
    case T.Line:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Text width, as prettier's getStringWidth computes it, for the characters this printer accepts.

// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x20-\x7F]/;

export function stringWidth(text: string): number {
  if (!NOT_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 31 || (cp >= 127 && cp <= 159)) continue;
    // Latin-1, Latin Extended, IPA, spacing modifiers, Greek, Cyrillic (without its combining marks),
    // general punctuation: one column each, as prettier counts them. Anything else (wide CJK
    // characters, emoji, combining marks) is left to prettier.
    if (
      cp < 0x7f ||
      (cp >= 0xa0 && cp <= 0x2ff) ||
      (cp >= 0x370 && cp <= 0x3ff && cp !== 0x37a) ||
      (cp >= 0x400 && cp <= 0x482) ||
      (cp >= 0x48a && cp <= 0x52f) ||
      (cp >= 0x2010 && cp <= 0x2027) ||
      (cp >= 0x2030 && cp <= 0x205e)
    ) {
      width += 1;
      continue;
    }
    throw new Unsupported(`the width of U+${cp.toString(16).toUpperCase()}`);
  }
  return width;
}

// ---------------------------------------------------------------------------------------------
// The printer.

const MODE_BREAK = 1;
const MODE_FLAT = 2;
type Mode = typeof MODE_BREAK | typeof MODE_FLAT;

interface Indentation {
  readonly value: string;
  readonly length: number;
  /** The pending alignment (spaces) not yet turned into indentation, as prettier queues it. */
  readonly queue: readonly (number | 'indent')[];
}

const ROOT: Indentation = { value: '', length: 0, queue: [] };

export interface PrintOptions {
  readonly printWidth: number;
  readonly tabWidth: number;
}

function makeIndentation(ind: Indentation, add: number | 'indent', options: PrintOptions): Indentation {
  const queue = [...ind.queue, add];
  let value = '';
  let pendingSpaces = 0;
  for (const part of queue) {
    if (part === 'indent') {
      value += ' '.repeat(pendingSpaces) + ' '.repeat(options.tabWidth);
      pendingSpaces = 0;
    } else pendingSpaces += part;
  }
  value += ' '.repeat(pendingSpaces);
  return { value, length: value.length, queue };
}

let passes = 0;

// The printer's command stack, as three parallel arrays (no object per command).
let stackInd: Indentation[] = [];
let stackMode: Mode[] = [];
let stackDoc: Doc[] = [];
// The look-ahead's stack.
const fitsMode: Mode[] = [];
const fitsDoc: Doc[] = [];

/**
 * Whether `doc` (in `mode`) and then the commands below the top `restCount` of the printer's
 * stack fit in `width` up to the first line break (prettier's fits).
 */
function fits(mode0: Mode, doc0: Doc, restCount: number, width: number, groupModes: Map<symbol, Mode>): boolean {
  let restIndex = restCount;
  let pendingSpace = false;
  fitsMode.length = 0;
  fitsDoc.length = 0;
  fitsMode.push(mode0);
  fitsDoc.push(doc0);
  while (width >= 0) {
    if (fitsDoc.length === 0) {
      if (restIndex === 0) return true;
      restIndex--;
      fitsMode.push(stackMode[restIndex]!);
      fitsDoc.push(stackDoc[restIndex]!);
      continue;
    }
    const mode = fitsMode.pop()!;
    const doc = fitsDoc.pop()!;
    if (typeof doc === 'string') {
      if (doc.length > 0) {
        if (pendingSpace) {
          width -= 1;
          pendingSpace = false;
        }
        width -= stringWidth(doc);
      }
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) {
        fitsMode.push(mode);
        fitsDoc.push(doc[i]!);
      }
      continue;
    }
    switch (doc.t) {
      case T.Indent:
      case T.Align:
      case T.IndentIfBreak:
        fitsMode.push(mode);
        fitsDoc.push(doc.contents);
        break;
      case T.Group: {
        const groupMode = doc.break ? MODE_BREAK : mode;
        fitsMode.push(groupMode);
        fitsDoc.push(doc.expandedStates && groupMode === MODE_BREAK ? doc.expandedStates[doc.expandedStates.length - 1]! : doc.contents);
        break;
      }
      case T.IfBreak: {
        const groupMode = doc.groupId ? (groupModes.get(doc.groupId) ?? MODE_FLAT) : mode;
        const contents = groupMode === MODE_BREAK ? doc.breakContents : doc.flatContents;
        if (contents) {
          fitsMode.push(mode);
          fitsDoc.push(contents);
        }
        break;
      }
      case T.Line:
        if (mode === MODE_BREAK || doc.hard) return true;
        if (!doc.soft) pendingSpace = true;
        break;
      case T.BreakParent:
        break;
    }
  }
  return false;
}

/** Prints a document as prettier's printDocToString does (line feeds, spaces for indentation). */
export function printDoc(doc: Doc, options: PrintOptions): string {
  propagateBreaks(doc, ++passes);
  // Re-entrant use (a printer printing a piece of a document) keeps the outer stacks.
  const savedInd = stackInd;
  const savedMode = stackMode;
  const savedDoc = stackDoc;
  stackInd = [];
  stackMode = [];
  stackDoc = [];
  try {
    return run(doc, options);
  } finally {
    stackInd = savedInd;
    stackMode = savedMode;
    stackDoc = savedDoc;
  }
}

function run(doc: Doc, options: PrintOptions): string {
  const width = options.printWidth;
  const groupModes = new Map<symbol, Mode>();
  const indents = new Map<Indentation, Indentation>();
  let out: string[] = [];
  let current = '';
  let position = 0;
  let shouldRemeasure = false;
  const si = stackInd;
  const sm = stackMode;
  const sd = stackDoc;
  si.push(ROOT);
  sm.push(MODE_BREAK);
  sd.push(doc);
  while (sd.length > 0) {
    const ind = si.pop()!;
    const mode = sm.pop()!;
    const d = sd.pop()!;
    if (typeof d === 'string') {
      if (d.length > 0) {
        current += d;
        if (sd.length > 0) position += stringWidth(d);
      }
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) {
        si.push(ind);
        sm.push(mode);
        sd.push(d[i]!);
      }
      continue;
    }
    switch (d.t) {
      case T.Indent: {
        let next = indents.get(ind);
        if (!next) indents.set(ind, (next = makeIndentation(ind, 'indent', options)));
        si.push(next);
        sm.push(mode);
        sd.push(d.contents);
        break;
      }
      case T.Align:
        si.push(makeIndentation(ind, d.n, options));
        sm.push(mode);
        sd.push(d.contents);
        break;
      case T.Group: {
        let groupMode: Mode;
        let contents: Doc = d.contents;
        if (mode === MODE_FLAT && !shouldRemeasure) {
          groupMode = d.break ? MODE_BREAK : MODE_FLAT;
        } else {
          shouldRemeasure = false;
          const remaining = width - position;
          const rest = sd.length;
          if (!d.break && fits(MODE_FLAT, d.contents, rest, remaining, groupModes)) groupMode = MODE_FLAT;
          else if (!d.expandedStates) groupMode = MODE_BREAK;
          else {
            groupMode = MODE_BREAK;
            contents = d.expandedStates[d.expandedStates.length - 1]!;
            if (!d.break) {
              for (let i = 1; i < d.expandedStates.length - 1; i++) {
                if (fits(MODE_FLAT, d.expandedStates[i]!, rest, remaining, groupModes)) {
                  groupMode = MODE_FLAT;
                  contents = d.expandedStates[i]!;
                  break;
                }
              }
            }
          }
        }
        if (d.guard && groupMode === MODE_BREAK) throw new Unsupported('a group broken in a layout the printer does not reproduce');
        si.push(ind);
        sm.push(groupMode);
        sd.push(contents);
        if (d.id) groupModes.set(d.id, groupMode);
        break;
      }
      case T.IfBreak:
      case T.IndentIfBreak: {
        const groupMode = d.groupId ? groupModes.get(d.groupId) : mode;
        let contents: Doc | undefined;
        if (groupMode === MODE_BREAK) contents = d.t === T.IfBreak ? d.breakContents : indent(d.contents);
        else if (groupMode === MODE_FLAT) contents = d.t === T.IfBreak ? d.flatContents : d.contents;
        if (contents) {
          si.push(ind);
          sm.push(mode);
          sd.push(contents);
        }
        break;
      }
      case T.Line:
        if (mode === MODE_FLAT && !d.hard) {
          if (!d.soft) {
            current += ' ';
            position += 1;
          }
          break;
        }
        if (mode === MODE_FLAT) shouldRemeasure = true;
        {
          let end = current.length;
          while (end > 0 && (current.charCodeAt(end - 1) === 32 || current.charCodeAt(end - 1) === 9)) end--;
          out.push(end === current.length ? current : current.slice(0, end), '\n');
        }
        current = ind.value;
        position = ind.length;
        if (out.length > 4096) out = [out.join('')];
        break;
      case T.BreakParent:
        break;
    }
  }
  out.push(current);
  return out.join('');
}
