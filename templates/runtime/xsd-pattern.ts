/**
 * XSD `pattern` facets, matched in time linear in the input. A contract's pattern is data from
 * outside: translated into a JavaScript RegExp, a pattern such as `(a+)+b` makes the backtracking
 * engine take exponential time on a long value, and one response could then block the process.
 * XSD regular expressions have no back-references or look-around, so they are regular: each is
 * compiled into an automaton (Thompson's construction) and run as a set of states over the
 * input (Pike's simulation), one step per character, whatever the pattern.
 *
 * The XSD dialect (XML Schema Part 2, appendix F): implicitly anchored, `^` and `$` ordinary
 * characters, `.` any character but CR and LF, character class subtraction (`[a-z-[aeiou]]`),
 * the escapes `\s \d \w \i \c` (and their complements) and Unicode categories `\p{Lu}`.
 * Unicode block escapes (`\p{IsBasicLatin}`) are not supported: such a pattern does not compile
 * and is not checked.
 *
 * Floor 0 of the runtime (constants and types): imports nothing.
 */

/** A compiled pattern: `test` says whether the whole string matches. */
export interface XsdPattern {
  readonly source: string;
  test(s: string): boolean;
}

/** Automata larger than this many instructions (`\d{1,100000}`, say) are not built. */
const MAX_PROGRAM = 20_000;
/** Groups nested deeper than this are not parsed (the parser recurses on groups). */
const MAX_NESTING = 100;

/** Compiles an XSD pattern; undefined when it is not one this engine supports. */
export function compilePattern(pattern: string): XsdPattern | undefined {
  let program: Instr[];
  try {
    const ast = new Parser(pattern).parseAll();
    program = [];
    emit(ast, program);
    program.push({ op: OP_MATCH, pred: undefined, x: 0, y: 0 });
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  return { source: pattern, test: (s) => run(program, s) };
}

// ---------------------------------------------------------------------------------------------
// Syntax

type Pred = (cp: number) => boolean;

type Node =
  | { readonly kind: 'char'; readonly pred: Pred }
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly branches: readonly Node[] }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number }; // max -1: unbounded

class Unsupported extends Error {}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly p: string) {}

  parseAll(): Node {
    const node = this.alternation();
    if (this.i < this.p.length) throw new Unsupported(`unexpected ${this.p.charAt(this.i)}`);
    return node;
  }

  private alternation(): Node {
    const branches = [this.branch()];
    while (this.p.charAt(this.i) === '|') {
      this.i++;
      branches.push(this.branch());
    }
    return branches.length === 1 ? (branches[0] as Node) : { kind: 'alt', branches };
  }

  private branch(): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && this.p.charAt(this.i) !== '|' && this.p.charAt(this.i) !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'seq', items };
  }

  private atom(): Node {
    const c = this.p.charAt(this.i);
    if (c === '(') {
      if (++this.depth > MAX_NESTING) throw new Unsupported('groups nested too deep');
      this.i++;
      const inner = this.alternation();
      if (this.p.charAt(this.i) !== ')') throw new Unsupported('unclosed group');
      this.i++;
      this.depth--;
      return inner;
    }
    if (c === '[') return { kind: 'char', pred: this.classExpr() };
    if (c === '.') {
      this.i++;
      return { kind: 'char', pred: (cp) => cp !== 0x0a && cp !== 0x0d };
    }
    if (c === '\\') return { kind: 'char', pred: this.escape() };
    if ('?*+{}])'.includes(c)) throw new Unsupported(`unexpected ${c}`);
    const cp = this.p.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return { kind: 'char', pred: (x) => x === cp };
  }

  private quantified(node: Node): Node {
    const c = this.p.charAt(this.i);
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      return { kind: 'repeat', node, min: c === '+' ? 1 : 0, max: c === '?' ? 1 : -1 };
    }
    if (c !== '{') return node;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i, this.i + 24));
    if (m === null) throw new Unsupported('bad quantifier');
    this.i += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (max !== -1 && max < min) throw new Unsupported('bad quantifier');
    return { kind: 'repeat', node, min, max };
  }

  /** `[...]`, with negation and subtraction; `this.i` at the `[`. */
  private classExpr(): Pred {
    this.i++;
    let negated = false;
    if (this.p.charAt(this.i) === '^') {
      negated = true;
      this.i++;
    }
    const ranges: number[] = [];
    const preds: Pred[] = [];
    let subtract: Pred | undefined;
    let first = true;
    for (;;) {
      if (this.i >= this.p.length) throw new Unsupported('unclosed character class');
      const c = this.p.charAt(this.i);
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      if (c === '-' && this.p.charAt(this.i + 1) === '[' && !first) {
        this.i++;
        subtract = this.classExpr();
        if (this.p.charAt(this.i) !== ']') throw new Unsupported('subtraction must end the class');
        this.i++;
        break;
      }
      first = false;
      if (c === '\\') {
        const single = this.singleEscape();
        if (single === undefined) {
          preds.push(this.escape());
          continue;
        }
        this.addRange(ranges, single);
        continue;
      }
      if (c === '[') throw new Unsupported('[ in a class');
      const cp = this.p.codePointAt(this.i) as number;
      this.i += cp > 0xffff ? 2 : 1;
      this.addRange(ranges, cp);
    }
    const inClass = (cp: number): boolean => {
      for (let k = 0; k < ranges.length; k += 2)
        if (cp >= (ranges[k] as number) && cp <= (ranges[k + 1] as number)) return true;
      for (const pred of preds) if (pred(cp)) return true;
      return false;
    };
    return (cp) => inClass(cp) !== negated && (subtract === undefined || !subtract(cp));
  }

  /** Adds `lo` or the range `lo-hi` that starts with it. */
  private addRange(ranges: number[], lo: number): void {
    if (this.p.charAt(this.i) === '-' && this.p.charAt(this.i + 1) !== '[' && this.p.charAt(this.i + 1) !== ']') {
      this.i++;
      let hi: number | undefined;
      if (this.p.charAt(this.i) === '\\') hi = this.singleEscape();
      else {
        hi = this.p.codePointAt(this.i) as number;
        this.i += hi > 0xffff ? 2 : 1;
      }
      if (hi === undefined || hi < lo) throw new Unsupported('bad range');
      ranges.push(lo, hi);
      return;
    }
    ranges.push(lo, lo);
  }

  /** A single-character escape (`\n`, `\-`, ...) as its code point, consumed; undefined (nothing consumed) otherwise. */
  private singleEscape(): number | undefined {
    const n = this.p.charAt(this.i + 1);
    const code =
      n === 'n'
        ? 0x0a
        : n === 'r'
          ? 0x0d
          : n === 't'
            ? 0x09
            : '\\|.?*+(){}-[]^$'.includes(n) && n !== ''
              ? n.charCodeAt(0)
              : undefined;
    if (code !== undefined) this.i += 2;
    return code;
  }

  /** Any escape, as a predicate; `this.i` at the backslash. */
  private escape(): Pred {
    const single = this.singleEscape();
    if (single !== undefined) return (cp) => cp === single;
    const n = this.p.charAt(this.i + 1);
    this.i += 2;
    const multi = MULTI_ESCAPES.get(n.toLowerCase());
    if (multi !== undefined) return n === n.toLowerCase() ? multi : (cp) => !multi(cp);
    if (n === 'p' || n === 'P') {
      const m = /^\{([A-Za-z]{1,2})\}/.exec(this.p.slice(this.i, this.i + 5));
      if (m === null) throw new Unsupported('unsupported \\p escape');
      this.i += m[0].length;
      const pred = category(m[1] as string);
      return n === 'p' ? pred : (cp) => !pred(cp);
    }
    throw new Unsupported(`unknown escape \\${n}`);
  }
}

/** A Unicode general category (`L`, `Lu`, ...) as a predicate; ASCII answers are precomputed. */
function category(name: string): Pred {
  let re: RegExp;
  try {
    re = new RegExp(`^\\p{${name}}$`, 'u');
  } catch {
    throw new Unsupported(`unknown category ${name}`);
  }
  const ascii = new Uint8Array(128);
  for (let cp = 0; cp < 128; cp++) ascii[cp] = re.test(String.fromCharCode(cp)) ? 1 : 0;
  return (cp) => (cp < 128 ? ascii[cp] === 1 : re.test(String.fromCodePoint(cp)));
}

/** XML 1.0 (fifth edition) NameStartChar and NameChar. */
const NAME_START =
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]$/u;
const NAME_CHAR = /^[-.0-9\u00B7\u0300-\u036F\u203F-\u2040]$/u;

function isNameStart(cp: number): boolean {
  return cp < 128
    ? (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f || cp === 0x3a
    : NAME_START.test(String.fromCodePoint(cp));
}

const punctuationSeparatorOther = category('P');
const separator = category('Z');
const other = category('C');

const MULTI_ESCAPES: ReadonlyMap<string, Pred> = new Map<string, Pred>([
  ['s', (cp) => cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d],
  ['d', category('Nd')],
  ['w', (cp) => !punctuationSeparatorOther(cp) && !separator(cp) && !other(cp)],
  ['i', isNameStart],
  [
    'c',
    (cp) =>
      isNameStart(cp) ||
      (cp < 128 ? (cp >= 0x30 && cp <= 0x39) || cp === 0x2d || cp === 0x2e : NAME_CHAR.test(String.fromCodePoint(cp))),
  ],
]);

// ---------------------------------------------------------------------------------------------
// Automaton: a program of CHAR / SPLIT / JMP / MATCH instructions

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_JMP = 2;
const OP_MATCH = 3;

interface Instr {
  op: number;
  pred: Pred | undefined;
  /** SPLIT: both targets; JMP: x. */
  x: number;
  y: number;
}

function size(node: Node): number {
  switch (node.kind) {
    case 'char':
      return 1;
    case 'seq':
      return node.items.reduce((n, i) => n + size(i), 0);
    case 'alt':
      return node.branches.reduce((n, b) => n + size(b) + 2, 0);
    case 'repeat': {
      const one = size(node.node) + 2;
      return one * (node.max === -1 ? node.min + 1 : node.max);
    }
  }
}

function emit(node: Node, out: Instr[]): void {
  if (size(node) + out.length > MAX_PROGRAM) throw new Unsupported('pattern too large');
  switch (node.kind) {
    case 'char':
      out.push({ op: OP_CHAR, pred: node.pred, x: 0, y: 0 });
      return;
    case 'seq':
      for (const item of node.items) emit(item, out);
      return;
    case 'alt': {
      // SPLIT b1, next; b1; JMP end; next: SPLIT b2, ...; last branch falls through.
      const jumps: Instr[] = [];
      node.branches.forEach((b, k) => {
        if (k < node.branches.length - 1) {
          const split: Instr = { op: OP_SPLIT, pred: undefined, x: out.length + 1, y: 0 };
          out.push(split);
          emit(b, out);
          const jmp: Instr = { op: OP_JMP, pred: undefined, x: 0, y: 0 };
          out.push(jmp);
          jumps.push(jmp);
          split.y = out.length;
        } else {
          emit(b, out);
        }
      });
      for (const j of jumps) j.x = out.length;
      return;
    }
    case 'repeat': {
      for (let k = 0; k < node.min; k++) emit(node.node, out);
      if (node.max === -1) {
        // L: SPLIT body, end; body; JMP L; end:
        const start = out.length;
        const split: Instr = { op: OP_SPLIT, pred: undefined, x: start + 1, y: 0 };
        out.push(split);
        emit(node.node, out);
        out.push({ op: OP_JMP, pred: undefined, x: start, y: 0 });
        split.y = out.length;
        return;
      }
      // Optional copies, each one skipping to the end: SPLIT body, end; body; ...
      const splits: Instr[] = [];
      for (let k = node.min; k < node.max; k++) {
        const split: Instr = { op: OP_SPLIT, pred: undefined, x: out.length + 1, y: 0 };
        out.push(split);
        splits.push(split);
        emit(node.node, out);
      }
      for (const s of splits) s.y = out.length;
      return;
    }
  }
}

/**
 * Runs the program over `s`: the set of live CHAR instructions advances one code point at a
 * time, each instruction entering the next set at most once, so the work is at most the
 * program's length per character.
 */
function run(program: readonly Instr[], s: string): boolean {
  const n = program.length;
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  const mark = new Int32Array(n); // generation in which an instruction was last added
  const stack = new Int32Array(2 * n + 2); // every edge pushes once at most
  let generation = 1;
  let count = add(program, current, 0, 0, mark, generation, stack);
  for (let i = 0; i < s.length && count > 0;) {
    const cp = s.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    generation++;
    let nextCount = 0;
    for (let k = 0; k < count; k++) {
      const instr = program[current[k] as number] as Instr;
      if (instr.op === OP_CHAR && (instr.pred as Pred)(cp)) {
        nextCount = add(program, next, nextCount, (current[k] as number) + 1, mark, generation, stack);
      }
    }
    const t = current;
    current = next;
    next = t;
    count = nextCount;
  }
  for (let k = 0; k < count; k++) if ((program[current[k] as number] as Instr).op === OP_MATCH) return true;
  return false;
}

/** Adds `pc` and what it reaches without reading (through SPLIT and JMP) to `list`; returns the new count. */
function add(
  program: readonly Instr[],
  list: Int32Array,
  count: number,
  pc: number,
  mark: Int32Array,
  generation: number,
  stack: Int32Array,
): number {
  let top = 0;
  stack[top++] = pc;
  while (top > 0) {
    const at = stack[--top] as number;
    if (mark[at] === generation) continue;
    mark[at] = generation;
    const instr = program[at] as Instr;
    if (instr.op === OP_JMP) stack[top++] = instr.x;
    else if (instr.op === OP_SPLIT) {
      stack[top++] = instr.y;
      stack[top++] = instr.x;
    } else list[count++] = at;
  }
  return count;
}
