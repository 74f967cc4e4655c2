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
function propagateBreaks(doc: Doc, visited: Set<GroupDoc>): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) {
    let any = false;
    for (let i = 0; i < doc.length; i++) if (propagateBreaks(doc[i]!, visited)) any = true;
    return any;
  }
  switch (doc.t) {
    case T.BreakParent:
      return true;
    case T.Group: {
      if (visited.has(doc)) return doc.break;
      visited.add(doc);
      let inner = false;
      if (doc.expandedStates) {
        for (const state of doc.expandedStates) if (propagateBreaks(state, visited)) inner = true;
      } else inner = propagateBreaks(doc.contents, visited);
      if (inner && !doc.expandedStates) doc.break = true;
      return doc.break;
    }
    case T.IfBreak: {
      const a = propagateBreaks(doc.breakContents, visited);
      const b = propagateBreaks(doc.flatContents, visited);
      return a || b;
    }
    case T.Indent:
    case T.Align:
    case T.IndentIfBreak:
      return propagateBreaks(doc.contents, visited);
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

interface Command {
  readonly ind: Indentation;
  readonly mode: Mode;
  readonly doc: Doc;
}

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

function fits(next: Command, rest: readonly Command[], width: number, groupModes: Map<symbol, Mode>, mustBeFlat: boolean): boolean {
  let restIndex = rest.length;
  let pendingSpace = false;
  const cmds: { mode: Mode; doc: Doc }[] = [next];
  while (width >= 0) {
    if (cmds.length === 0) {
      if (restIndex === 0) return true;
      cmds.push(rest[--restIndex]!);
      continue;
    }
    const { mode, doc } = cmds.pop()!;
    if (typeof doc === 'string') {
      if (doc) {
        if (pendingSpace) {
          width -= 1;
          pendingSpace = false;
        }
        width -= stringWidth(doc);
      }
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) cmds.push({ mode, doc: doc[i]! });
      continue;
    }
    switch (doc.t) {
      case T.Indent:
      case T.Align:
      case T.IndentIfBreak:
        cmds.push({ mode, doc: doc.contents });
        break;
      case T.Group: {
        if (mustBeFlat && doc.break) return false;
        const groupMode = doc.break ? MODE_BREAK : mode;
        const contents = doc.expandedStates && groupMode === MODE_BREAK ? doc.expandedStates[doc.expandedStates.length - 1]! : doc.contents;
        cmds.push({ mode: groupMode, doc: contents });
        break;
      }
      case T.IfBreak: {
        const groupMode = doc.groupId ? (groupModes.get(doc.groupId) ?? MODE_FLAT) : mode;
        const contents = groupMode === MODE_BREAK ? doc.breakContents : doc.flatContents;
        if (contents) cmds.push({ mode, doc: contents });
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
  propagateBreaks(doc, new Set());
  const width = options.printWidth;
  const groupModes = new Map<symbol, Mode>();
  const indents = new Map<Indentation, Indentation>();
  const indentOf = (ind: Indentation) => {
    let next = indents.get(ind);
    if (!next) indents.set(ind, (next = makeIndentation(ind, 'indent', options)));
    return next;
  };
  let out: string[] = [];
  let current = '';
  let position = 0;
  let shouldRemeasure = false;
  const cmds: Command[] = [{ ind: ROOT, mode: MODE_BREAK, doc }];
  const trim = () => {
    let end = current.length;
    while (end > 0 && (current.charCodeAt(end - 1) === 32 || current.charCodeAt(end - 1) === 9)) end--;
    current = current.slice(0, end);
  };
  while (cmds.length > 0) {
    const { ind, mode, doc: d } = cmds.pop()!;
    if (typeof d === 'string') {
      if (d) {
        current += d;
        if (cmds.length > 0) position += stringWidth(d);
      }
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) cmds.push({ ind, mode, doc: d[i]! });
      continue;
    }
    switch (d.t) {
      case T.Indent:
        cmds.push({ ind: indentOf(ind), mode, doc: d.contents });
        break;
      case T.Align:
        cmds.push({ ind: makeIndentation(ind, d.n, options), mode, doc: d.contents });
        break;
      case T.Group: {
        let command: Command;
        if (mode === MODE_FLAT && !shouldRemeasure) {
          command = { ind, mode: d.break ? MODE_BREAK : MODE_FLAT, doc: d.contents };
        } else {
          shouldRemeasure = false;
          const remaining = width - position;
          const flat: Command = { ind, mode: MODE_FLAT, doc: d.contents };
          if (!d.break && fits(flat, cmds, remaining, groupModes, false)) command = flat;
          else if (!d.expandedStates) command = { ind, mode: MODE_BREAK, doc: d.contents };
          else {
            let chosen: Command | undefined;
            if (!d.break) {
              for (let i = 1; i < d.expandedStates.length - 1; i++) {
                const state: Command = { ind, mode: MODE_FLAT, doc: d.expandedStates[i]! };
                if (fits(state, cmds, remaining, groupModes, false)) {
                  chosen = state;
                  break;
                }
              }
            }
            command = chosen ?? { ind, mode: MODE_BREAK, doc: d.expandedStates[d.expandedStates.length - 1]! };
          }
        }
        if (d.guard && command.mode === MODE_BREAK) throw new Unsupported('a group broken in a layout the printer does not reproduce');
        cmds.push(command);
        if (d.id) groupModes.set(d.id, command.mode);
        break;
      }
      case T.IfBreak:
      case T.IndentIfBreak: {
        const groupMode = d.groupId ? groupModes.get(d.groupId) : mode;
        if (groupMode === MODE_BREAK) {
          const contents = d.t === T.IfBreak ? d.breakContents : indent(d.contents);
          if (contents) cmds.push({ ind, mode, doc: contents });
        } else if (groupMode === MODE_FLAT) {
          const contents = d.t === T.IfBreak ? d.flatContents : d.contents;
          if (contents) cmds.push({ ind, mode, doc: contents });
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
        trim();
        out.push(current, '\n');
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
