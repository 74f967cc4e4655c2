/**
 * Drives saxes over a whole document: `parseXml` (and `parseXmlInSlices`, which lets the event
 * loop run between slices) feeds a `SaxHandler` the document's events with namespaces resolved
 * by `NamespaceScope`, enforces `XmlLimits`, refuses DOCTYPE, processing instructions and lone
 * surrogates, and turns saxes' well-formedness errors into `XmlParseError` with line and column.
 * What the events mean is the handler's business (typed values in xml-reader.ts, raw XML in
 * xml-fragment.ts, the envelope in envelope-reader.ts).
 *
 * Floor 2 of the runtime (XML reading and writing): imports floors 0 and 1.
 */

import { SaxesParser } from 'saxes';
import { SoapError, XmlLimitError, XmlParseError } from './errors.js';
import type { XmlLimits } from './limits.js';
import { NamespaceError, NamespaceScope, type PrefixResolver, type XmlTag } from './xml-namespaces.js';

/** Receives the events of a document; `open` sees the tag with namespace data resolved. */
export interface SaxHandler {
  /** `tag` is valid during the call only (see XmlTag). */
  open(tag: XmlTag): void;
  text(text: string): void;
  close(): void;
}

/**
 * Parses `xml` (a whole document) and feeds `handler`. saxes skips one leading BOM and refuses a
 * second. Errors thrown by the handler propagate unchanged; saxes' errors become XmlParseError.
 */
export function parseXml<H extends SaxHandler>(
  xml: string,
  limits: XmlLimits,
  makeHandler: (resolve: PrefixResolver) => H,
): H {
  const reading = startReading(xml, limits, makeHandler);
  reading.write(xml);
  return reading.end();
}

/** Characters parsed between two pauses of `parseXmlInSlices` (about 20 ms of work). */
export const PARSE_SLICE = 1 << 19;

/**
 * `parseXml` in slices of PARSE_SLICE characters, awaiting `pause()` between two slices: the
 * event loop runs there (timers fire, a caller's abort is seen), and `pause` stops the parse by
 * throwing. A document of one slice or less is parsed at once.
 */
export async function parseXmlInSlices<H extends SaxHandler>(
  xml: string,
  limits: XmlLimits,
  makeHandler: (resolve: PrefixResolver) => H,
  pause: () => Promise<void>,
): Promise<H> {
  const reading = startReading(xml, limits, makeHandler);
  for (let at = 0; at < xml.length; at += PARSE_SLICE) {
    if (at >= PARSE_SLICE) await pause();
    reading.write(xml.slice(at, at + PARSE_SLICE));
  }
  return reading.end();
}

interface Reading<H> {
  /** Feeds the next piece of the document (saxes carries a surrogate pair split between two). */
  write(chunk: string): void;
  /** Ends the document and returns the handler. */
  end(): H;
}

/**
 * Checks what is checked on the whole text (size, lone surrogates, DOCTYPE), and sets a tokenizer
 * up to feed `handler`, enforcing the limits.
 */
function startReading<H extends SaxHandler>(
  xml: string,
  limits: XmlLimits,
  makeHandler: (resolve: PrefixResolver) => H,
): Reading<H> {
  if (xml.length > limits.maxBytes) throw new XmlLimitError('maxBytes', limits.maxBytes);
  checkSurrogates(xml);
  refuseDoctype(xml);
  const scope = new NamespaceScope();
  const handler = makeHandler(scope.resolve);
  const tokenizer = idle.pop() ?? new Tokenizer();
  tokenizer.start(handler, scope, limits);
  return {
    write(chunk) {
      tokenizer.write(chunk);
    },
    end() {
      tokenizer.end();
      // Only a parse that ended well leaves saxes ready for the next document.
      if (idle.length < MAX_IDLE) idle.push(tokenizer);
      return handler;
    },
  };
}

/**
 * A saxes parser and the state its handlers work on, used for one document after another: saxes
 * resets itself when a document ends. Kept between parses rather than made for each one because
 * V8 reaches the hidden class of a parser with handlers, and the handler functions, only through
 * weak links: when none is alive at a full garbage collection (between two calls of a client,
 * say), V8 drops the optimized code of saxes' tokenizer, and after a few such collections stops
 * optimizing it at all, and every parse then runs 4-5 times slower. An idle tokenizer keeps them.
 */
class Tokenizer {
  /**
   * saxes reads names without resolving them (its resolution walks every open element: time
   * quadratic in the depth); NamespaceScope resolves and checks them. XML 1.0 whatever the
   * declaration says: XML 1.1 would admit control characters (`&#1;`) that no SOAP stack reads,
   * so a document declaring 1.1 is checked as 1.0.
   */
  private readonly parser = new SaxesParser({
    xmlns: false,
    position: true,
    defaultXMLVersion: '1.0',
    forceXMLVersion: true,
  });
  private handler: SaxHandler = IDLE_HANDLER;
  private scope = IDLE_SCOPE;
  /** The limits of the document being read, copied when it starts (an idle tokenizer keeps no caller's object). */
  private maxDepth = 0;
  private maxElements = 0;
  private maxAttributes = 0;
  private maxAttributeLength = 0;
  private maxTextLength = 0;
  private depth = 0;
  private elements = 0;
  /** Attributes seen since the last start tag (saxes reports them before the tag). */
  private attributes = 0;
  private readonly names: string[] = [];
  private readonly values: string[] = [];

  constructor() {
    const { parser } = this;
    const onText = (text: string): void => {
      if (text.length > this.maxTextLength) throw new XmlLimitError('maxTextLength', this.maxTextLength);
      this.handler.text(text);
    };
    // saxes keeps its handlers as properties that on() adds to the parser object. With seven or
    // more, V8 turns the parser into a slow dictionary object, and every saxes parse in the
    // process after that runs several times slower. So six handlers at most: DOCTYPE is refused
    // by looking at the prolog (the only place it may appear) instead of by a handler.
    parser.on('opentag', (tag) => {
      const { maxDepth, maxElements } = this;
      if (++this.depth > maxDepth) throw new XmlLimitError('maxDepth', maxDepth);
      if (++this.elements > maxElements) throw new XmlLimitError('maxElements', maxElements);
      const n = this.attributes;
      this.attributes = 0;
      this.handler.open(this.scope.open(tag.name, this.names, this.values, n));
    });
    parser.on('text', onText);
    parser.on('closetag', () => {
      this.depth--;
      this.handler.close();
      this.scope.close();
    });
    parser.on('attribute', (attr) => {
      const { maxAttributes, maxAttributeLength } = this;
      if (this.attributes >= maxAttributes) throw new XmlLimitError('maxAttributes', maxAttributes);
      if (attr.value.length > maxAttributeLength) throw new XmlLimitError('maxAttributeLength', maxAttributeLength);
      this.names[this.attributes] = attr.name;
      this.values[this.attributes++] = attr.value;
    });
    parser.on('cdata', onText);
    parser.on('processinginstruction', (pi) => {
      throw new XmlParseError(`processing instructions are not allowed (<?${pi.target}?>)`, parser.line, parser.column);
    });
  }

  start(handler: SaxHandler, scope: NamespaceScope, limits: XmlLimits): void {
    this.handler = handler;
    this.scope = scope;
    this.maxDepth = limits.maxDepth;
    this.maxElements = limits.maxElements;
    this.maxAttributes = limits.maxAttributes;
    this.maxAttributeLength = limits.maxAttributeLength;
    this.maxTextLength = limits.maxTextLength;
    this.depth = 0;
    this.elements = 0;
    this.attributes = 0;
  }

  write(chunk: string): void {
    try {
      this.parser.write(chunk);
    } catch (e) {
      this.fail(e);
    }
  }

  end(): void {
    try {
      this.parser.close();
    } catch (e) {
      this.fail(e);
    }
    // Nothing of this document stays reachable from an idle tokenizer.
    this.handler = IDLE_HANDLER;
    this.scope = IDLE_SCOPE;
    this.names.length = 0;
    this.values.length = 0;
  }

  private fail(e: unknown): never {
    const { line, column } = this.parser;
    if (e instanceof SoapError) throw e;
    if (e instanceof NamespaceError) throw new XmlParseError(e.message, line, column);
    const message = e instanceof Error ? e.message.replace(/^\d+:\d+: /, '') : String(e);
    throw new XmlParseError(message, line, column);
  }
}

/** What an idle tokenizer holds instead of a document's handler and namespaces. */
const IDLE_HANDLER: SaxHandler = { open() {}, text() {}, close() {} };
const IDLE_SCOPE = new NamespaceScope();

/** Tokenizers ready for a document: as many as documents were read at once, up to MAX_IDLE. */
const idle: Tokenizer[] = [];
const MAX_IDLE = 4;

/**
 * Throws XmlParseError when the prolog (what precedes the root element) holds a DOCTYPE. Only
 * the XML declaration, comments, processing instructions and whitespace are skipped, so the
 * scan stops at the root's start tag; anything malformed is left for saxes to report. The
 * position reported is the DOCTYPE's end, where saxes itself would have reported it.
 */
function refuseDoctype(xml: string): void {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    i = xml.indexOf('<', i);
    if (i < 0) return;
    if (xml.startsWith('<?', i)) {
      i = xml.indexOf('?>', i + 2);
    } else if (xml.startsWith('<!--', i)) {
      i = xml.indexOf('-->', i + 4);
    } else {
      if (xml.startsWith('<!DOCTYPE', i)) {
        const end = doctypeEnd(xml, i + 9);
        const { line, column } = lineColumn(xml, end);
        throw new XmlParseError('DOCTYPE declarations are not allowed', line, column);
      }
      return;
    }
    if (i < 0) return;
  }
}

/** Index of the `>` closing a DOCTYPE (skipping quoted literals and the internal subset), or the last index. */
function doctypeEnd(xml: string, from: number): number {
  let quote = 0;
  let subset = false;
  for (let j = from; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x5b) {
      subset = true;
    } else if (c === 0x5d) {
      subset = false;
    } else if (c === 0x3e && !subset) {
      return j;
    }
  }
  return xml.length - 1;
}

/** A lone surrogate: with the `u` flag a well-formed pair is one code point and does not match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * saxes lets a lone high surrogate in character data through, and no decoder produces one, so
 * only a string handed to the reader can hold it: refused here with its position. Uses the
 * native `isWellFormed` where the platform has it (a fast scan), the regular expression elsewhere.
 */
function checkSurrogates(xml: string): void {
  const wellFormed = (xml as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof wellFormed === 'function' ? wellFormed.call(xml) : !LONE_SURROGATE.test(xml)) return;
  const index = LONE_SURROGATE.exec(xml)?.index ?? 0;
  const { line, column } = lineColumn(xml, index);
  const code = xml.charCodeAt(index).toString(16).toUpperCase();
  throw new XmlParseError(`lone surrogate U+${code} (not an XML character)`, line, column);
}

/** 1-based line and column of `xml[index]`. */
function lineColumn(xml: string, index: number): { line: number; column: number } {
  const before = xml.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}
