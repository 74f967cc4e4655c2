/**
 * Markdown as prettier formats it (proseWrap "preserve", code blocks left as written), for the
 * plain subset the generated READMEs use: an HTML comment line, ATX headings, paragraphs,
 * fenced code blocks and pipe tables. Blocks are separated by one blank line and tables are
 * aligned as prettier aligns them. Inline text is accepted only where prettier prints it
 * unchanged (code spans, `**strong**`, and characters that are never markup); anything else
 * throws `Unsupported`, and prettier formats the file.
 */
import { stringWidth, Unsupported } from './doc.ts';

type Block = { kind: 'verbatim'; lines: string[] } | { kind: 'table'; rows: string[][] };

/** Characters of text outside code spans that prettier's markdown printer never escapes or rewrites. */
const SAFE_TEXT = /^[\p{L}\p{N} .,;:()'"!?/=%@${}+-]*$/u;

/** Inline content (a heading, a paragraph line, a table cell) that prettier prints as written. */
function checkInline(text: string, inTable: boolean): void {
  let rest = text;
  while (rest.length > 0) {
    const tick = rest.indexOf('`');
    const plain = tick < 0 ? rest : rest.slice(0, tick);
    checkText(plain);
    if (tick < 0) return;
    const close = rest.indexOf('`', tick + 1);
    if (close < 0) throw new Unsupported('an unclosed code span');
    const code = rest.slice(tick + 1, close);
    if (code.length === 0 || code.startsWith(' ') || code.endsWith(' ')) throw new Unsupported('a code span with edge spaces');
    if (inTable ? /\\(?!\|)|(?<!\\)\|/.test(code) : code.includes('|')) throw new Unsupported('a pipe or backslash in a code span');
    rest = rest.slice(close + 1);
  }
}

function checkText(text: string): void {
  // `**strong**` is kept; any other `*`, and `_`, `~`, `[`, `<`, `&`, `\`, `#`, `|`, are markup or escapes.
  const withoutStrong = text.replace(/\*\*[^*\s](?:[^*]*[^*\s])?\*\*/g, 'x');
  if (!SAFE_TEXT.test(withoutStrong)) throw new Unsupported('markdown text with markup characters');
  if (/:\/\/|www\./.test(text)) throw new Unsupported('a link in markdown text');
}

function checkLine(line: string): void {
  if (line !== line.trim()) throw new Unsupported('a markdown line with edge spaces');
  if (/^(?:[-+*>=]|\d+[.)]|#)/.test(line)) throw new Unsupported('a markdown line that starts markup');
}

function splitRow(line: string): string[] {
  if (!line.startsWith('| ') || !line.endsWith(' |')) throw new Unsupported('a table row');
  const cells: string[] = [];
  let current = '';
  for (let i = 1; i < line.length - 1; i++) {
    const c = line[i]!;
    if (c === '\\' && line[i + 1] === '|') {
      current += '\\|';
      i++;
    } else if (c === '|') {
      cells.push(current.trim());
      current = '';
    } else current += c;
  }
  cells.push(current.trim());
  return cells;
}

function parseBlocks(text: string): Block[] {
  if (!text.endsWith('\n') || text.includes('\r') || text.includes('\t')) throw new Unsupported('markdown line endings or tabs');
  const lines = text.slice(0, -1).split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === '') {
      i++;
      continue;
    }
    if (/^```[A-Za-z0-9-]*$/.test(line)) {
      const end = lines.indexOf('```', i + 1);
      if (end < 0) throw new Unsupported('an unclosed code block');
      const body = lines.slice(i + 1, end);
      if (body.some((l) => l.startsWith('```') || l.startsWith('~~~'))) throw new Unsupported('a fence inside a code block');
      blocks.push({ kind: 'verbatim', lines: lines.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    if (/^<!--(?:(?!-->).)*-->$/.test(line)) {
      blocks.push({ kind: 'verbatim', lines: [line] });
      i++;
      continue;
    }
    const heading = /^(#{1,6}) (.+)$/.exec(line);
    if (heading) {
      if (heading[2] !== heading[2]!.trim() || /#$/.test(heading[2]!)) throw new Unsupported('a heading');
      checkInline(heading[2]!, false);
      blocks.push({ kind: 'verbatim', lines: [line] });
      i++;
      continue;
    }
    if (line.startsWith('|')) {
      const delimiter = lines[i + 1] ?? '';
      if (!/^\|(?: -{3,} \|)+$/.test(delimiter)) throw new Unsupported('a table without a plain delimiter row');
      const header = splitRow(line);
      const rows = [header];
      let j = i + 2;
      for (; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(splitRow(lines[j]!));
      if (rows.some((r) => r.length !== header.length) || splitRow(delimiter).length !== header.length) throw new Unsupported('a ragged table');
      for (const r of rows) for (const cell of r) checkInline(cell, true);
      blocks.push({ kind: 'table', rows });
      i = j;
      if (i < lines.length && lines[i] !== '') throw new Unsupported('a table followed directly by text');
      continue;
    }
    // A paragraph: lines up to a blank line; nothing inside may start another block.
    const para: string[] = [];
    for (; i < lines.length && lines[i] !== ''; i++) {
      const l = lines[i]!;
      checkLine(l);
      if (l.startsWith('```') || l.startsWith('|') || l.startsWith('<')) throw new Unsupported('a block inside a paragraph');
      checkInline(l, false);
      para.push(l);
    }
    blocks.push({ kind: 'verbatim', lines: para });
  }
  return blocks;
}

function printTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(3, ...rows.map((r) => stringWidth(r[c]!))));
  const row = (r: string[]) => `| ${r.map((cell, c) => cell + ' '.repeat(widths[c]! - stringWidth(cell))).join(' | ')} |`;
  return [row(rows[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(row)];
}

/** The README text in prettier's markdown format. */
export function formatMarkdown(text: string): string {
  const blocks = parseBlocks(text);
  return `${blocks.map((b) => (b.kind === 'table' ? printTable(b.rows) : b.lines).join('\n')).join('\n\n')}\n`;
}
