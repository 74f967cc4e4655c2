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
import type { Expr } from './ts-parse.ts';
import { PRINT_WIDTH, printString } from './ts-print.ts';

type Value = DataObject | DataArray | Scalar;

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
}

/** prettier's assignment layouts for `key: value` (print/assignment.js). */
type Layout = 'never-break-after-operator' | 'break-after-operator' | 'fluid';

const ES5_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function scalar(text: string, string = false): Scalar {
  return { k: 'scalar', text, flat: stringWidth(text), forced: false, string };
}

/** The literal as data, or undefined when it holds anything else. */
function data(e: Expr): Value | undefined {
  switch (e.type) {
    case 'StringLiteral':
      return scalar(printString(e.raw), true);
    case 'NumericLiteral':
      return /^(0|[1-9][0-9]*)$/.test(e.raw) ? scalar(e.raw) : undefined;
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
      // Several objects (or several arrays) with more than one entry each: always broken open.
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
      const flat = props.length === 0 ? 2 : 4 + props.reduce((w, p) => w + p.keyWidth + 2 + p.value.flat, 0) + 2 * (props.length - 1);
      return { k: 'object', props, flat, forced: props.some((p) => p.value.forced) };
    }
    default:
      return undefined;
  }
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
  const shortKey = keyWidth < 2 + 3;
  if (value.type === 'StringLiteral') return shortKey ? 'never-break-after-operator' : 'break-after-operator';
  if (shortKey || value.type === 'BooleanLiteral' || value.type === 'NumericLiteral') return 'never-break-after-operator';
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
export function printDataDeclaration(head: string, init: Expr, tail: string): string | undefined {
  const value = data(init);
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
