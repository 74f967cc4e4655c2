/**
 * Blanking the parts of contract text that are not markup (comments, CDATA sections, processing
 * instructions) before a textual scan, in one left-to-right pass: each construct's end is found
 * with one `indexOf` from its start, and an unclosed construct runs to the end of the text (the
 * XML parser reports it), so no position is looked at twice. A lazy regular expression such as
 * `<!--[\s\S]*?-->` looks for the end again from every unclosed start: quadratic in the count.
 */

/** The constructs to blank: their opening and closing delimiters. */
const COMMENT = ['<!--', '-->'] as const;
const CDATA = ['<![CDATA[', ']]>'] as const;
const PI = ['<?', '?>'] as const;

/**
 * `text` with every comment and CDATA section (and processing instruction, with `pis`) replaced
 * by spaces, line breaks kept, so every index, line and column stays where it was.
 */
export function blankNonMarkup(text: string, pis: boolean): string {
  const kinds = pis ? [COMMENT, CDATA, PI] : [COMMENT, CDATA];
  let out = '';
  let from = 0; // text[from..] not yet copied
  let at = text.indexOf('<');
  while (at >= 0) {
    const kind = kinds.find(([open]) => text.startsWith(open, at));
    if (kind === undefined) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    const close = text.indexOf(kind[1], at + kind[0].length);
    const end = close < 0 ? text.length : close + kind[1].length;
    out += text.slice(from, at) + blank(text.slice(at, end));
    from = end;
    at = text.indexOf('<', end);
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * `text` with every `<!...>` and `<?...>` (a DOCTYPE, and what blankNonMarkup left) blanked up to
 * its first `>`, or to the end when there is none.
 */
export function blankDeclarations(text: string): string {
  let out = '';
  let from = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    const next = text.charCodeAt(at + 1);
    if (next !== 0x21 /* ! */ && next !== 0x3f /* ? */) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    const close = text.indexOf('>', at + 2);
    const end = close < 0 ? text.length : close + 1;
    out += text.slice(from, at) + blank(text.slice(at, end));
    from = end;
    at = text.indexOf('<', end);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** As many spaces as `s` has characters, its line breaks kept. */
function blank(s: string): string {
  return s
    .split('\n')
    .map((line) => ' '.repeat(line.length))
    .join('\n');
}
