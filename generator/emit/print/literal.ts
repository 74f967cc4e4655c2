/**
 * A shortcut for the largest thing the generator prints: a declaration whose initializer is a
 * data literal (objects, arrays, strings, numbers, booleans, null, identifiers), such as the
 * descriptor tables of schema.ts. For that grammar prettier's layout can be computed directly,
 * without building and fitting documents: an object or array stays on one line if it fits
 * (with the comma or semicolon that follows it) and is not forced open, otherwise it breaks one
 * entry per line; a property keeps its value beside the key or moves it below, by the
 * assignment layout prettier picks for it. The result equals what ts-print.ts and doc.ts give
 * for the same declaration (test/print.test.ts checks both against prettier); anything the
 * shortcut does not cover returns undefined and goes that way.
 */
import { stringWidth } from './doc.ts';
import { stringValue, type Expr } from './ts-parse.ts';
import { PRINT_WIDTH, printString } from './ts-print.ts';

export type Value = DataObject | DataArray | Scalar;

interface DataObject {
  readonly k: 'object';
  readonly props: { key: string; keyWidth: number; value: Value; layout: Layout }[];
  readonly flat: number;
  readonly forced: boolean;
}

interface DataArray {
  readonly k: 'array';
  readonly items: Value[];
  readonly flat: number;
  readonly forced: boolean;
}

interface Scalar {
  readonly k: 'scalar';
  readonly text: string;
  readonly flat: number;
  readonly forced: false;
  /** A string literal: its property moves it below the key when it does not fit. */
  readonly string: boolean;
  /** A numeric literal (not a negative number, which is a unary expression). */
  readonly number: boolean;
}

/** prettier's assignment layouts for `key: value` (print/assignment.js). */
type Layout = 'never-break-after-operator' | 'break-after-operator' | 'fluid';

const ES5_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function scalar(text: string, string = false, number = false): Scalar {
  return { k: 'scalar', text, flat: stringWidth(text), forced: false, string, number };
}

/** The literal as data, or undefined when it holds anything else. */
function data(e: Expr): Value | undefined {
  switch (e.type) {
    case 'StringLiteral':
      return scalar(printString(e.raw), true);
    case 'NumericLiteral':
      return /^(0|[1-9][0-9]*)$/.test(e.raw) ? scalar(e.raw, false, true) : undefined;
    case 'UnaryExpression':
      return e.operator === '-' && e.argument.type === 'NumericLiteral' && /^(0|[1-9][0-9]*)$/.test(e.argument.raw) ? scalar(`-${e.argument.raw}`) : undefined;
    case 'BooleanLiteral':
      return scalar(e.value ? 'true' : 'false');
    case 'NullLiteral':
      return scalar('null');
    case 'Identifier':
      return scalar(e.name);
    case 'ArrayExpression': {
      const items: Value[] = [];
      for (const el of e.elements) {
        const v = data(el);
        if (!v) return undefined;
        items.push(v);
      }
      if (items.length > 0 && e.elements.every((el) => el.type === 'NumericLiteral' || el.type === 'UnaryExpression')) return undefined; // printed with fill
      return arrayValue(items);
    }
    case 'ObjectExpression': {
      if (e.newlineAfterBrace) return undefined;
      const props: DataObject['props'] = [];
      for (const p of e.properties) {
        if (p.type !== 'ObjectProperty' || p.shorthand || p.comments.length > 0) return undefined;
        const key = propertyKey(p.key);
        const value = data(p.value);
        if (key === undefined || !value) return undefined;
        const keyWidth = stringWidth(key);
        props.push({ key, keyWidth, value, layout: layoutOf(keyWidth, p.value) });
      }
      return objectValue(props);
    }
    default:
      return undefined;
  }
}

/**
 * Reads a data literal straight from source text (what the emitters write), without tokens or
 * syntax nodes: the value and where it ends, or undefined for anything else (comments, line
 * breaks after `{`, other expressions), which the general parser then handles.
 */
export function scanData(src: string): { value: Value; end: number } | undefined {
  let i = 0;
  const n = src.length;
  const ws = () => {
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) i++;
      else if (c === 10) return true;
      else break;
    }
    return false;
  };
  const skip = () => {
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 10) i++;
      else break;
    }
  };
  const str = (): string | undefined => {
    const q = src.charCodeAt(i);
    const start = i++;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === q) return src.slice(start, ++i);
      if (c === 92) i++;
      else if (c === 10) return undefined;
      i++;
    }
    return undefined;
  };
  const ident = (): string | undefined => {
    const start = i;
    let c = src.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36)) return undefined;
    i++;
    while (i < n) {
      c = src.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (c >= 48 && c <= 57)) i++;
      else break;
    }
    return src.slice(start, i);
  };
  const integer = (): string | undefined => {
    const start = i;
    while (i < n && src.charCodeAt(i) >= 48 && src.charCodeAt(i) <= 57) i++;
    const text = src.slice(start, i);
    return /^(0|[1-9][0-9]*)$/.test(text) && !/[A-Za-z_$.]/.test(src[i] ?? '') ? text : undefined;
  };
  const value = (): Value | undefined => {
    skip();
    const c = src.charCodeAt(i);
    if (c === 39 || c === 34) {
      const raw = str();
      return raw === undefined ? undefined : scalar(printString(raw), true);
    }
    if (c === 45) {
      i++;
      const digits = integer();
      return digits === undefined ? undefined : scalar(`-${digits}`);
    }
    if (c >= 48 && c <= 57) {
      const digits = integer();
      return digits === undefined ? undefined : scalar(digits, false, true);
    }
    if (c === 91) {
      i++;
      const items: Value[] = [];
      let numbers = true;
      skip();
      while (src.charCodeAt(i) !== 93) {
        const v = value();
        if (!v) return undefined;
        if (v.k !== 'scalar' || !v.number) numbers = false;
        items.push(v);
        skip();
        if (src.charCodeAt(i) === 44) {
          i++;
          skip();
        } else if (src.charCodeAt(i) !== 93) return undefined;
      }
      i++;
      if (items.length > 0 && numbers) return undefined; // printed with fill
      return arrayValue(items);
    }
    if (c === 123) {
      i++;
      if (ws()) return undefined; // kept open by prettier: the general printer handles it
      const props: DataObject['props'] = [];
      skip();
      while (src.charCodeAt(i) !== 125) {
        let key: string | undefined;
        const k = src.charCodeAt(i);
        if (k === 39 || k === 34) {
          const raw = str();
          if (raw === undefined) return undefined;
          const printed = printString(raw);
          const v = stringValue(raw);
          key = printed.slice(1, -1) === v && ES5_IDENTIFIER.test(v) ? v : printed;
        } else key = ident();
        if (key === undefined) return undefined;
        skip();
        if (src.charCodeAt(i) !== 58) return undefined;
        i++;
        skip();
        const v = value();
        if (!v) return undefined;
        const keyWidth = stringWidth(key);
        const kind = v.k !== 'scalar' ? 'other' : v.string ? 'string' : v.number ? 'number' : v.text === 'true' || v.text === 'false' ? 'boolean' : 'other';
        props.push({ key, keyWidth, value: v, layout: layoutFor(keyWidth, kind) });
        skip();
        if (src.charCodeAt(i) === 44) {
          i++;
          skip();
        } else if (src.charCodeAt(i) !== 125) return undefined;
      }
      i++;
      return objectValue(props);
    }
    const name = ident();
    if (name === undefined) return undefined;
    if (name === 'true' || name === 'false' || name === 'null') return scalar(name);
    if (['as', 'satisfies', 'new', 'typeof', 'void', 'function', 'class', 'this', 'undefined'].includes(name)) return undefined;
    skip();
    const next = src.charCodeAt(i);
    // An identifier followed by anything but a separator is some other expression (a call, a member).
    if (i < n && next !== 44 && next !== 125 && next !== 93) return undefined;
    return scalar(name);
  };
  const v = value();
  if (!v) return undefined;
  return { value: v, end: i };
}

function arrayValue(items: Value[]): DataArray {
  const open =
    items.length > 1 &&
    items.every((v, i) => {
      const next = items[i + 1];
      if (v.k === 'scalar' || (next && next.k !== v.k)) return false;
      return (v.k === 'object' ? v.props.length : v.items.length) > 1;
    });
  const flat = items.length === 0 ? 2 : 2 + items.reduce((w, v) => w + v.flat, 0) + 2 * (items.length - 1);
  return { k: 'array', items, flat, forced: open || items.some((v) => v.forced) };
}

function objectValue(props: DataObject['props']): DataObject {
  const flat = props.length === 0 ? 2 : 4 + props.reduce((w, p) => w + p.keyWidth + 2 + p.value.flat, 0) + 2 * (props.length - 1);
  return { k: 'object', props, flat, forced: props.some((p) => p.value.forced) };
}

function propertyKey(key: Expr): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') {
    const printed = printString(key.raw);
    return printed.slice(1, -1) === key.value && ES5_IDENTIFIER.test(key.value) ? key.value : printed;
  }
  return undefined;
}

function layoutOf(keyWidth: number, value: Expr): Layout {
  return layoutFor(keyWidth, value.type === 'StringLiteral' ? 'string' : value.type === 'BooleanLiteral' ? 'boolean' : value.type === 'NumericLiteral' ? 'number' : 'other');
}

function layoutFor(keyWidth: number, value: 'string' | 'boolean' | 'number' | 'other'): Layout {
  const shortKey = keyWidth < 2 + 3;
  if (value === 'string') return shortKey ? 'never-break-after-operator' : 'break-after-operator';
  if (shortKey || value === 'boolean' || value === 'number') return 'never-break-after-operator';
  return 'fluid';
}

/** Writes `v` starting at column `col`; `indent` is the indentation of its lines; `rest` the width that follows it on its line. */
function print(v: Value, col: number, indent: number, rest: number, out: string[]): void {
  if (v.k === 'scalar') {
    out.push(v.text);
    return;
  }
  if (!v.forced && col + v.flat + rest <= PRINT_WIDTH) {
    out.push(flatText(v));
    return;
  }
  const inner = indent + 2;
  const pad = ' '.repeat(inner);
  if (v.k === 'array') {
    out.push('[');
    for (const item of v.items) {
      out.push('\n', pad);
      print(item, inner, inner, 1, out);
      out.push(',');
    }
    out.push('\n', ' '.repeat(indent), ']');
    return;
  }
  out.push('{');
  for (const p of v.props) {
    out.push('\n', pad);
    property(p, inner, out);
    out.push(',');
  }
  out.push('\n', ' '.repeat(indent), '}');
}

function property(p: DataObject['props'][number], col: number, out: string[]): void {
  const { key, keyWidth, value } = p;
  if (!value.forced && col + keyWidth + 2 + value.flat + 1 <= PRINT_WIDTH) {
    out.push(key, ': ', flatText(value));
    return;
  }
  const afterColon = col + keyWidth + 1;
  switch (p.layout) {
    case 'never-break-after-operator':
      out.push(key, ': ');
      print(value, afterColon + 1, col, 1, out);
      return;
    case 'break-after-operator':
      out.push(key, ':\n', ' '.repeat(col + 2), flatText(value));
      return;
    case 'fluid': {
      // The space after the colon stays if what starts the value fits: `{` or `[` of one that
      // breaks, or the whole of a scalar or an empty object or array, with the comma.
      const opens = value.k !== 'scalar' && (value.k === 'object' ? value.props.length > 0 : value.items.length > 0);
      const head = opens ? 1 : value.flat + 1;
      if (afterColon + 1 + head <= PRINT_WIDTH) {
        out.push(key, ': ');
        print(value, afterColon + 1, col, 1, out);
      } else {
        out.push(key, ':\n', ' '.repeat(col + 2));
        print(value, col + 2, col + 2, 1, out);
      }
      return;
    }
  }
}

function flatText(v: Value): string {
  if (v.k === 'scalar') return v.text;
  if (v.k === 'array') return v.items.length === 0 ? '[]' : `[${v.items.map(flatText).join(', ')}]`;
  return v.props.length === 0 ? '{}' : `{ ${v.props.map((p) => `${p.key}: ${flatText(p.value)}`).join(', ')} }`;
}

/**
 * `<head><literal><tail>` where `head` is `export const name: Type = ` (printed flat) and `tail`
 * what follows the literal on its last line (`;`, ` as const;`, ...). Only for a literal that
 * breaks open (the shortcut does not decide the layouts around one that would fit).
 */
export function printDataDeclaration(head: string, init: Expr | Value, tail: string): string | undefined {
  const value = 'k' in init ? init : data(init);
  if (!value || value.k === 'scalar') return undefined;
  const headWidth = stringWidth(head);
  // The literal must break even with only one character after it (and its first line, up to
  // `{`, fit); what follows `}` must fit on that line.
  if (!value.forced && headWidth + value.flat + 1 <= PRINT_WIDTH) return undefined;
  if (headWidth + 1 > PRINT_WIDTH || 1 + stringWidth(tail) > PRINT_WIDTH) return undefined;
  if ((value.k === 'object' ? value.props.length : value.items.length) === 0) return undefined;
  const out: string[] = [head];
  print(value, headWidth, 0, 1, out);
  out.push(tail);
  return out.join('');
}
