import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { GeneratorError } from '../errors.ts';
import { blankNonMarkup } from './blank.ts';
import type { Leniency } from '../lenient.ts';
import type { SourceLocation } from '../model.ts';

/** A contract document read into a DOM, with the name errors use for it. */
export interface XmlDocument {
  /** Absolute path or URL: the identity used to load a document once. */
  readonly uri: string;
  /** How errors name the document: a path relative to the working folder, or the URL. */
  readonly file: string;
  readonly root: Element;
  /** Set when the contract is read leniently (see lenient.ts): where repairs are reported. */
  readonly lenient?: Leniency;
}

/**
 * Parses text as strict XML. Any fatal error or error xmldom reports (mismatched tags, bad
 * characters, missing root) becomes an XML_MALFORMED GeneratorError at the position xmldom
 * gives; warnings are ignored. `importedAt` names the import that led here, for a document
 * that is not XML at all (an HTML error page served for a schema URL, say).
 */
export function parseXml(text: string, uri: string, file: string, importedAt?: SourceLocation): XmlDocument {
  const badChar = illegalCharacter(text);
  if (badChar) throw malformed(file, badChar.message, badChar.line, badChar.column, importedAt);
  let firstError: { message: string; line: number; column: number } | undefined;
  const parser = new DOMParser({
    onError: (level, message, context) => {
      if (level === 'warning' || firstError) return;
      const locator = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      firstError = { message: cleanMessage(message), line: locator?.lineNumber ?? 1, column: locator?.columnNumber ?? 1 };
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (e) {
    const locator = (e as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const message = cleanMessage(e instanceof Error ? e.message : String(e));
    throw malformedAt(text, file, { message, line: locator?.lineNumber, column: locator?.columnNumber }, importedAt);
  }
  if (firstError) throw malformedAt(text, file, firstError, importedAt);
  const root = doc.documentElement;
  if (!root) throw malformed(file, 'missing root element', 1, 1, importedAt);
  return { uri, file, root };
}

/**
 * Characters XML 1.0 cannot carry: C0 controls other than TAB, LF and CR, lone surrogates,
 * U+FFFE and U+FFFF (with the `u` flag a surrogate pair is one code point and does not match).
 * xmldom lets them through, raw or as character references; every name, namespace and value
 * of a contract ends up in generated code and on the wire, so they are refused here.
 */
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const CHAR_REF = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

function illegalCharacter(text: string): XmlProblem | undefined {
  const raw = ILLEGAL_CHAR.exec(text);
  if (raw) {
    const code = raw[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { message: `the character U+${code} is not allowed in XML`, ...positionOf(text, raw.index) };
  }
  if (!text.includes('&#')) return undefined;
  // In comments and CDATA sections `&#0;` is only text: blank them out, keeping every position.
  const markup = blankNonMarkup(text, false);
  for (const m of markup.matchAll(CHAR_REF)) {
    const digits = m[1]!;
    const code = digits.startsWith('x') ? parseInt(digits.slice(1), 16) : parseInt(digits, 10);
    const allowed =
      code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) return { message: `the character reference ${m[0]} names a character XML does not allow`, ...positionOf(text, m.index!) };
  }
  return undefined;
}

function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

interface XmlProblem {
  readonly message: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

function malformedAt(text: string, file: string, problem: XmlProblem, importedAt: SourceLocation | undefined): GeneratorError {
  const { message, line, column } = endTagMismatch(text, problem) ?? ownWords(text, problem);
  return malformed(file, message, line, column, importedAt);
}

function malformed(
  file: string,
  message: string,
  line: number | undefined,
  column: number | undefined,
  importedAt: SourceLocation | undefined,
): GeneratorError {
  // A document with no position at all (empty, binary, not XML): point at what imported it.
  if ((!line || line < 1) && importedAt) {
    return new GeneratorError('XML_MALFORMED', `${file} is not XML: ${message}`, importedAt);
  }
  return new GeneratorError('XML_MALFORMED', `not well-formed XML: ${message}`, {
    file,
    line: line && line > 0 ? line : 1,
    column: column && column > 0 ? column : 1,
  });
}

/**
 * xmldom reports a mismatched end tag at the start of the node before it (often the whitespace
 * after the open tag, a line early). Point at the offending end tag itself, which is the first
 * `</name>` with that name after the reported position, and say which tags disagree.
 */
function endTagMismatch(text: string, error: XmlProblem): XmlProblem | undefined {
  const m = /^Opening and ending tag mismatch: "([^"]*)" != "([^"]*)"$/.exec(error.message);
  if (!m || error.line === undefined || error.column === undefined) return undefined;
  const [, open, close] = m as unknown as [string, string, string];
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  let offset = Math.max(0, error.column - 1);
  for (let i = 0; i < error.line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  const at = normalized.indexOf(`</${close}`, offset);
  const message = `end tag </${close.trim()}> does not match start tag <${open}>`;
  if (at < 0) return { ...error, message };
  return { message, ...positionOf(normalized, at) };
}

/**
 * xmldom's messages in the project's words: the names of its internal classes (ParseError,
 * NamespaceError, DOMException, ...) and its "at position n" offsets left out, an undeclared
 * prefix named, and a document that stops in the middle of markup said to end early, at its end.
 */
function ownWords(text: string, problem: XmlProblem): XmlProblem {
  const m = problem.message;
  const end = positionOf(text, text.length);
  if (/prefix is non-null and namespace is null/.test(m)) {
    const prefix = undeclaredPrefixAt(text, problem);
    const what = prefix !== undefined ? `the namespace prefix "${prefix}" is used but not declared` : 'a namespace prefix is used but not declared';
    return { ...problem, message: `${what} (--lenient declares it)` };
  }
  const unclosed = /^unclosed xml tag\(s\): (.*)$/.exec(m);
  if (unclosed) {
    const tags = unclosed[1]!.split(/,\s*/).map((t) => `<${t}>`);
    return { message: `the document ends early: ${tags.join(', ')} ${tags.length === 1 ? 'is' : 'are'} not closed`, ...end };
  }
  if (/^unexpected end of input|^comment is not well-formed|^Invalid CDATA|doctype internal subset is not well-formed, missing \]/.test(m) && endsInMarkup(text)) {
    return { message: 'the document ends early, inside markup', ...end };
  }
  if (/HierarchyRequestError: Only one element|Extra content at the end of the document|Unexpected content outside root element/.test(m)) {
    return { ...problem, message: 'content after the root element (a document has one root element)' };
  }
  const simple: [RegExp, (...groups: string[]) => string][] = [
    [/^element parse error: Error: invalid tagName:\s*(.*)$/, (name) => `"${name}" is not a valid element name`],
    [/^element parse error: Error: invalid attribute:\s*(.*)$/, (name) => `"${name}" is not a valid attribute name`],
    [/^element parse error: Error: attribute value no end '(.)' match$/, (quote) => `an attribute value is not closed (missing ${quote})`],
    [/^entity not found:\s*(.*)$/, (ref) => `${ref} names no entity XML defines`],
    [/^Attribute (.*) redefined$/, (name) => `the attribute ${name} appears twice on one element`],
  ];
  for (const [pattern, say] of simple) {
    const hit = pattern.exec(m);
    if (hit) return { ...problem, message: say(...hit.slice(1)) };
  }
  // Anything else: xmldom's text without its class names and offsets.
  const message = m
    .replace(/^(Error constructing the DOM|element parse error):\s*/, '')
    .replace(/\b[A-Z][A-Za-z]*(Error|Exception):\s*/g, '')
    .replace(/\s*at position \d+/g, '');
  return { ...problem, message };
}

/** The text ends before its last markup is complete (an open `<` with no `>` after it). */
function endsInMarkup(text: string): boolean {
  return text.lastIndexOf('<') > text.lastIndexOf('>');
}

/**
 * The prefix xmldom could not resolve, read from the start tag at the reported position: the
 * element's own prefix, or the first attribute prefix the document declares nowhere.
 */
function undeclaredPrefixAt(text: string, problem: XmlProblem): string | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const lineText = lines[(problem.line ?? 1) - 1] ?? '';
  const rest = [lineText.slice(Math.max(0, (problem.column ?? 1) - 1)), ...lines.slice(problem.line ?? 1)].join('\n');
  const tag = /^<([^\s/>]+)([^>]*)>?/.exec(rest);
  if (!tag) return undefined;
  const declared = (prefix: string) => new RegExp(`xmlns:${prefix.replace(/[.-]/g, '\\$&')}\\s*=`).test(text);
  const own = tag[1]!.includes(':') ? tag[1]!.split(':')[0]! : undefined;
  if (own !== undefined && !declared(own)) return own;
  for (const a of tag[2]!.matchAll(/\s([^\s=:/>]+):[^\s=/>]+\s*=/g)) {
    if (a[1] !== 'xmlns' && a[1] !== 'xml' && !declared(a[1]!)) return a[1];
  }
  return own;
}

function cleanMessage(message: string): string {
  // xmldom appends its own position markers and internal tags; the location is reported separately.
  return message
    .replace(/\[xmldom [a-zA-Z]+\]/g, '')
    .replace(/@#\[line:[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function locationOf(doc: XmlDocument, node: Node): SourceLocation {
  const n = node as Node & { lineNumber?: number; columnNumber?: number };
  return { file: doc.file, line: n.lineNumber ?? 1, column: n.columnNumber ?? 1 };
}

/** The element children of `el`, optionally only those in namespace `ns` with local name `name`. */
export function childElements(el: Element, ns?: string, name?: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const e = c as Element;
    if (ns !== undefined && (e.namespaceURI ?? '') !== ns) continue;
    if (name !== undefined && e.localName !== name) continue;
    out.push(e);
  }
  return out;
}

export function firstChild(el: Element, ns: string, name: string): Element | undefined {
  return childElements(el, ns, name)[0];
}

/**
 * The `name` of a declaration: an NCName, so surrounding whitespace is not part of it (XSD
 * collapses whitespace in NCName values).
 */
export function nameAttr(el: Element): string | undefined {
  return attr(el, 'name')?.trim();
}

/** An attribute's value, or undefined when absent. */
export function attr(el: Element, name: string): string | undefined {
  return el.hasAttribute(name) ? el.getAttribute(name) ?? undefined : undefined;
}

/** Whitespace-normalised text content, or undefined when there is none. */
export function textOf(el: Element): string | undefined {
  const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
}
