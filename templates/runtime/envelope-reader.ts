/**
 * Reading whole SOAP messages (1.1 or 1.2): `EnvelopeHandler` follows the envelope's events,
 * hands each known header and the body to a `ValueReader`, keeps undeclared headers as raw XML
 * and a Fault's content through `FaultReader`, and the result is the message or the error it
 * amounts to. Multipart (SOAP with attachments, MTOM) bodies are read from their root part.
 *
 * Floor 3 of the runtime (SOAP messages): imports floors 0 to 2, envelope.ts and fault-reader.ts.
 */

import { compiledSchema, type CompiledField, type CompiledSchema } from './compiled.js';
import { clark, compiledMessage, SOAP11_NS, SOAP12_NS, type CompiledHeader, type CompiledMessage } from './envelope.js';
import { SoapFaultError, UnexpectedMessageError, XmlLimitError, type SoapValidationError } from './errors.js';
import { FaultReader, type FaultInfo } from './fault-reader.js';
import { resolveLimits, type XmlLimits } from './limits.js';
import { namespaceName, Reading, type ReadingMode, type ReadingWarning } from './reading.js';
import type { MessageDesc, ServiceDesc } from './schema.js';
import { EncodedBody } from './soap-encoding.js';
import { FragmentCapture } from './xml-fragment.js';
import type { PrefixResolver, XmlTag } from './xml-namespaces.js';
import { parseXml, parseXmlInSlices, type SaxHandler } from './xml-parser.js';
import { ValueReader } from './xml-reader.js';

/**
 * Reads a response envelope (SOAP 1.1 or 1.2, whatever `service.soapVersion` says). Known
 * headers are read by (namespace, name), unknown ones kept as raw XML; the body element must
 * match `message.body`. A Fault in the body throws SoapFaultError (carrying the headers read).
 * `reading` is 'strict' (the default) or 'lax' (see reading.ts).
 */
export function readMessage(
  service: ServiceDesc,
  message: MessageDesc,
  xml: string,
  limits?: Partial<XmlLimits>,
  reading?: ReadingMode,
): ReadMessage {
  return readEnvelope(service, message, xml, limits, undefined, reading);
}

/** A message read: the body, the headers the contract declares, and the others as raw XML. */
export interface ReadMessage {
  body: unknown;
  headers: Record<string, unknown>;
  /** Header elements the contract does not declare, each a standalone XML fragment. */
  extraHeaders: string[];
  /** What lax reading accepted (always empty under strict reading). */
  warnings: ReadingWarning[];
}

/**
 * `readMessage` with extras for the client: `message` undefined (one-way operation) skips any
 * body content but still reports faults; `httpStatus` is recorded on faults.
 */
export function readEnvelope(
  service: ServiceDesc,
  message: MessageDesc | undefined,
  xml: string,
  limits: Partial<XmlLimits> | undefined,
  httpStatus: number | undefined,
  reading: ReadingMode | undefined,
): ReadMessage {
  const r = envelopeReading(service, message, xml, limits, reading);
  return envelopeResult(parseXml(r.xml, r.limits, r.handler), r.message, httpStatus);
}

/**
 * `readEnvelope` parsing in slices, awaiting `pause()` between them (see parseXmlInSlices): the
 * client reads a large response this way, so that its timeout and the caller's signal can stop
 * the parse.
 */
export async function readEnvelopeInSlices(
  service: ServiceDesc,
  message: MessageDesc | undefined,
  xml: string,
  limits: Partial<XmlLimits> | undefined,
  httpStatus: number | undefined,
  pause: () => Promise<void>,
  reading: ReadingMode | undefined,
): Promise<ReadMessage> {
  const r = envelopeReading(service, message, xml, limits, reading);
  return envelopeResult(await parseXmlInSlices(r.xml, r.limits, r.handler, pause), r.message, httpStatus);
}

function envelopeReading(
  service: ServiceDesc,
  message: MessageDesc | undefined,
  xml: string,
  limits: Partial<XmlLimits> | undefined,
  mode: ReadingMode | undefined,
) {
  const reading = new Reading(mode);
  const schema = compiledSchema(service.schema);
  const m = message === undefined ? undefined : compiledMessage(schema, message);
  const resolved = resolveLimits(limits);
  // The whole message counts, attachments included, before a multipart body is split.
  if (xml.length > resolved.maxBytes) throw new XmlLimitError('maxBytes', resolved.maxBytes);
  return {
    xml: rootPart(xml),
    limits: resolved,
    message: m,
    handler: (resolve: PrefixResolver) => new EnvelopeHandler(schema, m, resolve, resolved, reading),
  };
}

/** What an envelope's handler read: the body and headers, or the fault or error it amounts to. */
function envelopeResult(
  handler: EnvelopeHandler,
  m: CompiledMessage | undefined,
  httpStatus: number | undefined,
): ReadMessage {
  if (handler.fault !== undefined) {
    throw new SoapFaultError({ ...handler.fault, headers: handler.headers, httpStatus });
  }
  // A value without something its type requires, once no fault explains the message.
  if (handler.incomplete !== undefined) throw handler.incomplete;
  if (m !== undefined && !handler.bodyFound) {
    throw new UnexpectedMessageError(
      clark(m.body.ns, m.body.name),
      handler.sawBody ? 'an empty Body' : 'no Body element',
    );
  }
  return {
    body: handler.body,
    headers: handler.headers,
    extraHeaders: handler.extraHeaders,
    warnings: handler.reading.warnings,
  };
}

/**
 * The SOAP envelope of a message sent as a MIME multipart body (SOAP with attachments, MTOM):
 * the first part that holds XML. A message that is not multipart is returned as it is.
 * Attachments are not read (an xop:Include stays an element the schema does not know).
 */
function rootPart(text: string): string {
  const start = /^\s*--([^\r\n]+)\r?\n/.exec(text);
  if (start === null) return text;
  const boundary = `--${(start[1] as string).trim()}`;
  for (const part of text.split(boundary)) {
    const blank = /\r?\n\r?\n/.exec(part);
    if (blank === null) continue;
    const body = part.slice(blank.index + blank[0].length).trim();
    if (body.startsWith('<')) return body;
  }
  return text;
}

const IN_NONE = 0;
const IN_HEADER = 1;
const IN_BODY = 2;

class EnvelopeHandler implements SaxHandler {
  readonly headers: Record<string, unknown> = {};
  readonly extraHeaders: string[] = [];
  body: unknown = undefined;
  bodyFound = false;
  sawBody = false;
  fault: FaultInfo | undefined = undefined;
  /** The first header or body value read without something its type requires. */
  incomplete: SoapValidationError | undefined = undefined;
  private envNs = '';
  /** Depth of the envelope-level elements entered (1 Envelope, 2 Header/Body). */
  private depth = 0;
  private section = IN_NONE;
  private skip = 0;
  private sub: ValueReader | undefined = undefined;
  private subPart: string | undefined = undefined;
  /** A bare body being read: the reader started on soap:Body, and the depth inside Body. */
  private bare: ValueReader | undefined = undefined;
  private bareDepth = 0;
  private faultReader: FaultReader | undefined = undefined;
  /** The Body's first entry, as `{namespace}name`, and whether it was a Fault. */
  private firstEntry: string | undefined = undefined;
  private firstIsFault = false;
  /** A header element the contract does not declare, kept as XML, and the depth inside it. */
  private extra: FragmentCapture | undefined = undefined;
  private extraDepth = 0;
  /** Namespace declarations on Envelope and Body, for making fault detail XML self-contained. */
  private readonly scopes: Readonly<Record<string, string>>[] = [];
  /** An encoded message's Body, kept whole until it closes (multi-reference values), and the depth inside it. */
  private encoded: EncodedBody | undefined = undefined;
  private encodedDepth = 0;
  private readonly maxTextLength: number;

  constructor(
    private readonly schema: CompiledSchema,
    private readonly message: CompiledMessage | undefined,
    private readonly resolve: PrefixResolver,
    private readonly limits: XmlLimits,
    readonly reading: Reading,
  ) {
    this.maxTextLength = limits.maxTextLength;
  }

  // open/text/close stay tiny so they inline into the parser callbacks: while a header or the
  // body is being read (nearly every event) they only forward to its ValueReader.
  open(tag: XmlTag): void {
    const sub = this.sub;
    if (sub !== undefined) sub.open(tag);
    else this.openOuter(tag);
  }

  private openOuter(tag: XmlTag): void {
    if (this.faultReader !== undefined) return this.faultReader.open(tag);
    if (this.extra !== undefined) {
      this.extraDepth++;
      return this.extra.open(tag);
    }
    const { local, uri } = tag;
    if (this.encodedDepth > 0) {
      this.encodedDepth++;
      (this.encoded as EncodedBody).open(tag);
      return;
    }
    if (this.bare !== undefined) {
      if (this.bareDepth === 0 && this.bodyEntry(local, uri)) {
        this.faultReader = new FaultReader(this.scopes);
        this.faultReader.open(tag);
        return;
      }
      this.bareDepth++;
      this.bare.open(tag);
      return;
    }
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    if (this.depth === 0) {
      if (local !== 'Envelope' || (uri !== SOAP11_NS && uri !== SOAP12_NS)) {
        throw new UnexpectedMessageError(`a SOAP Envelope`, clark(uri, local));
      }
      this.envNs = uri;
      this.depth = 1;
      this.scopes.push(tag.ns);
      return;
    }
    if (this.depth === 1) {
      if (uri === this.envNs && (local === 'Header' || local === 'Body')) {
        this.depth = 2;
        this.section = local === 'Header' ? IN_HEADER : IN_BODY;
        if (local === 'Body') {
          if (this.sawBody) throw new UnexpectedMessageError('one Body element', 'a second Body');
          this.sawBody = true;
          this.scopes.push(tag.ns);
          const m = this.message;
          if (m?.encoded === true) {
            // References may point forwards: the Body is read once it has closed (finishEncoded).
            this.encoded = new EncodedBody(tag, this.resolve);
          } else if (m?.bare === true) {
            // The Body element stands for the body type's element: its children are the parts.
            this.bare = new ValueReader(
              this.schema,
              { ...m.body, name: local, ns: uri },
              this.resolve,
              this.maxTextLength,
              this.reading,
            );
            this.bareDepth = 0;
            this.bare.open(tag);
          }
        }
      } else {
        // Lenient: a known header element written directly in the Envelope, outside s:Header
        // (SuperOffice's published examples do this), is still read as that header.
        const h = this.findHeader(local, uri);
        if (h !== undefined) this.startSub(h.field, h.part, tag);
        else this.skip = 1;
      }
      return;
    }
    // depth 2: a header or a body child
    if (this.section === IN_HEADER) {
      const h = this.findHeader(local, uri);
      if (h === undefined) {
        this.extra = new FragmentCapture({ kind: 'used', resolve: this.resolve, target: '' });
        this.extraDepth = 1;
        this.extra.open(tag);
        return;
      }
      this.startSub(h.field, h.part, tag);
      return;
    }
    if (this.bodyEntry(local, uri)) {
      this.faultReader = new FaultReader(this.scopes);
      this.faultReader.open(tag);
      return;
    }
    if (this.encoded !== undefined) {
      this.encodedDepth = 1;
      this.encoded.open(tag);
      return;
    }
    const m = this.message;
    if (m === undefined || this.bodyFound || this.fault !== undefined) {
      this.skip = 1;
      return;
    }
    // The name of an rpc response wrapper is not significant (SOAP 1.1, section 7.1): servers
    // answer `Op`, `OpResult` or in another namespace; its accessors are what count.
    const named = local === m.body.name && uri === m.body.ns;
    if (!named && !m.rpc && !(local === m.body.name && this.foreign(local, uri, m.body.ns))) {
      throw new UnexpectedMessageError(clark(m.body.ns, m.body.name), clark(uri, local));
    }
    this.startSub(m.body, undefined, tag);
  }

  text(text: string): void {
    const sub = this.sub;
    if (sub !== undefined) sub.text(text);
    else if (this.faultReader !== undefined) this.faultReader.text(text);
    else if (this.extra !== undefined) this.extra.text(text);
    else if (this.encodedDepth > 0) (this.encoded as EncodedBody).text(text);
    else if (this.bare !== undefined) this.bare.text(text);
  }

  close(): void {
    const sub = this.sub;
    if (sub === undefined) this.closeOuter();
    else if (sub.close()) this.finishSub(sub);
  }

  /** Stores what a header's or the body's reader read, once its element has closed. */
  private finishSub(sub: ValueReader): void {
    this.sub = undefined;
    this.incomplete ??= sub.incomplete;
    const part = this.subPart;
    if (part === undefined) {
      this.body = sub.result;
      this.bodyFound = true;
    } else if (part === '__proto__') {
      Object.defineProperty(this.headers, part, {
        value: sub.result,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      this.headers[part] = sub.result;
    }
  }

  private closeOuter(): void {
    const fr = this.faultReader;
    if (fr !== undefined) {
      if (fr.close()) {
        this.fault = fr.result();
        this.faultReader = undefined;
      }
      return;
    }
    const extra = this.extra;
    if (extra !== undefined) {
      extra.close();
      if (--this.extraDepth === 0) {
        this.extraHeaders.push(extra.result());
        this.extra = undefined;
      }
      return;
    }
    const encoded = this.encoded;
    if (encoded !== undefined) {
      if (this.encodedDepth > 0) {
        this.encodedDepth--;
        encoded.close();
        return;
      }
      if (this.skip === 0 && this.depth === 2 && this.section === IN_BODY) {
        this.encoded = undefined;
        this.finishEncoded(encoded);
      }
    }
    const bare = this.bare;
    if (bare !== undefined) {
      if (this.bareDepth > 0) {
        this.bareDepth--;
        bare.close();
        return;
      }
      bare.close(); // soap:Body itself
      this.bare = undefined;
      this.incomplete ??= bare.incomplete;
      this.body = bare.result;
      this.bodyFound = true;
    }
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    this.depth--;
    if (this.depth === 1) this.section = IN_NONE;
  }

  /**
   * Reads an encoded message's Body once it has closed, every `href` resolved: the root entry
   * (an rpc wrapper of any name, or the document element; see rootEntry) or, for bare parts, the
   * Body itself; other entries are the multi-reference values the message refers to.
   */
  private finishEncoded(encoded: EncodedBody): void {
    const m = this.message as CompiledMessage;
    if (this.fault !== undefined) return;
    let root = encoded.root;
    let field = { ...m.body, name: root.tag.local, ns: root.tag.uri };
    if (!m.bare) {
      const entry = encoded.rootEntry();
      if (entry === undefined) return; // reported as an empty Body
      const { local, uri } = entry.tag;
      if (!m.rpc && (local !== m.body.name || uri !== m.body.ns)) {
        throw new UnexpectedMessageError(clark(m.body.ns, m.body.name), clark(uri, local));
      }
      root = entry;
      field = m.rpc ? { ...m.body, name: local, ns: uri } : m.body;
    }
    const reader = new ValueReader(this.schema, field, encoded.resolve, this.maxTextLength, this.reading, true);
    encoded.replay(root, reader, this.limits);
    this.incomplete ??= reader.incomplete;
    this.body = reader.result;
    this.bodyFound = true;
  }

  /**
   * Notes an entry of the Body and says whether it is a Fault. A Fault must be the Body's only
   * entry (SOAP 1.1, section 4.4; SOAP 1.2, section 5.4): one beside anything else is refused.
   */
  private bodyEntry(local: string, uri: string): boolean {
    const fault = local === 'Fault' && uri === this.envNs;
    const first = this.firstEntry;
    if (first === undefined) {
      this.firstEntry = clark(uri, local);
      this.firstIsFault = fault;
    } else if (fault || this.firstIsFault) {
      throw new UnexpectedMessageError('a Fault as the only entry of the Body', `${first} beside ${clark(uri, local)}`);
    }
    return fault;
  }

  /** The declared header of this name; under lax reading, one of its local name in another namespace (with a warning). */
  private findHeader(local: string, uri: string): CompiledHeader | undefined {
    const headers = this.message?.headers ?? [];
    for (const h of headers) if (h.field.name === local && h.field.ns === uri) return h;
    if (this.reading.lax)
      for (const h of headers) if (h.field.name === local && this.foreign(local, uri, h.field.ns)) return h;
    return undefined;
  }

  /** Lax reading: an envelope entry (header or body element) in namespace `uri` read as the contract's in `expected`, with a warning. */
  private foreign(local: string, uri: string, expected: string): boolean {
    const message = `element ${local} in ${namespaceName(uri)}, where the contract has it in ${namespaceName(expected)}`;
    return this.reading.tolerates('foreign-namespace', local, message);
  }

  /**
   * Reads the element `tag` opens as `field`, under the name it has in the message: an rpc
   * wrapper of another name, a header or body element in another namespace under lax reading.
   */
  private startSub(field: CompiledField, part: string | undefined, tag: XmlTag): void {
    const named = field.name === tag.local && field.ns === tag.uri ? field : { ...field, name: tag.local, ns: tag.uri };
    const r = new ValueReader(this.schema, named, this.resolve, this.maxTextLength, this.reading);
    this.sub = r;
    this.subPart = part;
    r.open(tag);
  }
}
