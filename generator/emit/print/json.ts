/**
 * JSON as prettier's json parser prints it (prettier: language-js printers for JsonRoot): objects
 * that were written over several lines stay expanded, arrays fit on one line or break one
 * element per line, and strings, numbers and keys keep the source's spelling. The input is what
 * `JSON.stringify(value, null, 2)` writes, which is what the emitters write.
 */
import { group, hardline, indent, join, line, printDoc, softline, Unsupported, type Doc } from './doc.ts';
import { PRINT_WIDTH } from './ts-print.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function value(v: Json): Doc {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Unsupported('a JSON number other than an integer');
    return String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    // Arrays of several objects (or arrays) with more than one entry each always break.
    const shouldBreak =
      v.length > 1 &&
      v.every((e, i) => {
        if (e === null || typeof e !== 'object') return false;
        const next = v[i + 1];
        if (next !== undefined && (next === null || typeof next !== 'object' || Array.isArray(next) !== Array.isArray(e))) return false;
        return (Array.isArray(e) ? e.length : Object.keys(e).length) > 1;
      });
    return group(['[', indent([softline, join([',', line], v.map((e) => group(value(e))))]), softline, ']'], { shouldBreak });
  }
  const entries = Object.entries(v);
  // JSON.stringify(_, null, 2) puts a line break after `{`, so prettier keeps every non-empty object expanded.
  if (entries.length === 0) return '{}';
  const props = entries.map(([k, e]) => group([JSON.stringify(k), ':', ' ', value(e)]));
  return group(['{', indent([line, join([',', line], props)]), line, '}'], { shouldBreak: true });
}

/** `text` (JSON.stringify output with two-space indentation) in prettier's JSON format. */
export function formatJson(text: string): string {
  const parsed = JSON.parse(text) as Json;
  if (JSON.stringify(parsed, null, 2) !== text.trimEnd()) throw new Unsupported('JSON not written by JSON.stringify(value, null, 2)');
  return printDoc([value(parsed), hardline], { printWidth: PRINT_WIDTH, tabWidth: 2 });
}
