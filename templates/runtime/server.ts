/**
 * The server side of a contract, for test doubles: reads a request envelope, calls the handler
 * of its operation, and writes the response envelope (or a SOAP fault) with the same
 * descriptors the client uses. Usable with the fetch API (`Request` -> `Response`), with
 * `node:http` (typed structurally, so this file imports nothing from Node), or directly.
 *
 * Floor 4 of the runtime (client, server, security, public surface): imports the floors below, and security.ts.
 */
import { SOAP11_NS, SOAP12_NS } from './envelope.js';
import { readMessage } from './envelope-reader.js';
import { writeMessage } from './envelope-writer.js';
import { SoapError, SoapFaultError, XmlLimitError } from './errors.js';
import type { OperationDesc, ServiceDesc } from './schema.js';
import { prepareExtraHeaders } from './security.js';
import { BAD_XML_CHAR } from './values.js';
import { resolveLimits, type XmlLimits } from './limits.js';
import { escapeText } from './xml-escape.js';
import type { XmlTag } from './xml-namespaces.js';
import { parseXml } from './xml-parser.js';

/** What a handler sees besides the request body. */
export interface HandlerContext<RequestHeaders = Record<string, unknown>, ResponseHeaders = Record<string, unknown>> {
  /** The operation's name as the contract spells it. */
  readonly operation: string;
  /** The SOAP headers of the request. */
  readonly requestHeaders: RequestHeaders;
  /** SOAP headers to send with the response: set properties on it. */
  readonly responseHeaders: ResponseHeaders;
  /** Request header elements the contract does not declare (WS-Security, say), as XML fragments. */
  readonly extraRequestHeaders: readonly string[];
  /** Header elements the contract does not declare to send with the response: push XML fragments. */
  readonly extraResponseHeaders: string[];
}

/**
 * A handler of one operation. Parameters are typed `never` here so that handlers with the
 * generated, precise parameter types can be stored; the service calls them with values read
 * from the same descriptors those types were generated from.
 */
export type OperationHandler = (request: never, context: never) => unknown;

export interface SoapServiceRequest {
  readonly body: string;
  /** The SOAPAction HTTP header (SOAP 1.1), quoted or not. */
  readonly soapAction?: string | undefined;
  /** The Content-Type HTTP header (its `action` parameter names the operation in SOAP 1.2). */
  readonly contentType?: string | undefined;
}

export interface SoapServiceResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** The parts of node:http's IncomingMessage and ServerResponse the listener uses. */
export interface NodeRequestLike extends AsyncIterable<unknown> {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Stops receiving the request (node:http: closes the connection). */
  destroy?(): unknown;
}
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
  /** Drops the answer (node:http: closes the connection). */
  destroy?(): unknown;
}

export interface SoapServiceOptions {
  /**
   * Limits applied when reading requests (see XmlLimits for the defaults). A request body over
   * `maxBytes` is answered with a fault and HTTP 413 as soon as it is known, without reading
   * the rest of it.
   */
  limits?: Partial<XmlLimits>;
}

/** The status and fault of a request body over `maxBytes`. */
const TOO_LARGE = 413;

export class SoapService {
  private readonly byAction = new Map<string, OperationDesc>();
  private readonly byBody = new Map<string, OperationDesc>();
  private readonly limits: XmlLimits;

  /**
   * @param resultMembers which member of each response wrapper a handler's return value fills:
   *   a name, null when the response is empty, '*' when the handler returns the whole wrapper.
   */
  constructor(
    private readonly service: ServiceDesc,
    operations: Readonly<Record<string, OperationDesc>>,
    private readonly resultMembers: Readonly<Record<string, string | null>>,
    private readonly handlers: Readonly<Record<string, OperationHandler | undefined>>,
    options: SoapServiceOptions = {},
  ) {
    this.limits = resolveLimits(options.limits);
    for (const op of Object.values(operations)) {
      if (op.soapAction !== '' && !this.byAction.has(op.soapAction)) this.byAction.set(op.soapAction, op);
      const key = `{${op.input.body.ns}}${op.input.body.name}`;
      if (!this.byBody.has(key)) this.byBody.set(key, op);
    }
  }

  /** Answers one request. Never throws: every failure becomes a SOAP fault. */
  async handle(request: SoapServiceRequest): Promise<SoapServiceResponse> {
    if (request.body.length > this.limits.maxBytes) return this.tooLarge();
    let op: OperationDesc | undefined;
    try {
      op = this.operationOf(request);
    } catch (e) {
      return this.fault('Client', e instanceof Error ? e.message : String(e));
    }
    if (op === undefined) return this.fault('Client', 'the request names no operation of this service');
    const handler = this.handlers[op.name];
    if (handler === undefined) return this.fault('Server', `operation ${op.name} is not implemented`);
    let body: unknown;
    let requestHeaders: Record<string, unknown>;
    let extraRequestHeaders: string[];
    try {
      ({
        body,
        headers: requestHeaders,
        extraHeaders: extraRequestHeaders,
      } = readMessage(this.service, op.input, request.body, this.limits));
    } catch (e) {
      return this.fault(
        'Client',
        `the ${op.name} request cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const responseHeaders: Record<string, unknown> = {};
    const extraResponseHeaders: string[] = [];
    const context: HandlerContext = {
      operation: op.name,
      requestHeaders,
      responseHeaders,
      extraRequestHeaders,
      extraResponseHeaders,
    };
    try {
      const result = await (handler as (request: unknown, context: HandlerContext) => unknown)(body, context);
      if (op.output === undefined) return { status: 202, contentType: this.contentType(), body: '' };
      const member = this.resultMembers[op.name];
      const wrapper = member === null || member === undefined ? {} : member === '*' ? result : { [member]: result };
      return {
        status: 200,
        contentType: this.contentType(),
        body: writeMessage(
          this.service,
          op.output,
          wrapper,
          responseHeaders,
          prepareExtraHeaders(extraResponseHeaders, 'extraResponseHeaders'),
        ),
      };
    } catch (e) {
      if (e instanceof SoapFaultError) return this.fault(e.code, e.reason, e.detailXml, e.subcode, e.actor);
      return this.fault('Server', e instanceof Error ? e.message : String(e));
    }
  }

  /** A fetch API handler: `(request: Request) => Promise<Response>`. */
  readonly fetch = async (request: Request): Promise<Response> => {
    const body = await this.readBody(request.headers.get('content-length'), chunksOf(request.body));
    const answer =
      body === undefined
        ? this.tooLarge()
        : await this.handle({
            body,
            soapAction: request.headers.get('soapaction') ?? undefined,
            contentType: request.headers.get('content-type') ?? undefined,
          });
    return new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  };

  /**
   * A node:http request listener: `http.createServer(service.listener)`. Never takes the process
   * down: a request whose client goes away is dropped, one over `maxBytes` answered with 413
   * and its connection closed.
   */
  readonly listener = (req: NodeRequestLike, res: NodeResponseLike): void => {
    void (async () => {
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      let body: string | undefined;
      try {
        body = await this.readBody(header('content-length'), req);
      } catch {
        // The client disconnected mid-request (node:http: 'aborted'): nobody to answer.
        res.destroy?.();
        return;
      }
      if (body === undefined) {
        const answer = this.tooLarge();
        res.writeHead(answer.status, { 'content-type': answer.contentType, connection: 'close' });
        res.end(answer.body); // and the connection closes: the rest of the body is never read
        return;
      }
      const answer = await this.handle({ body, soapAction: header('soapaction'), contentType: header('content-type') });
      res.writeHead(answer.status, { 'content-type': answer.contentType });
      res.end(answer.body);
    })().catch(() => {
      res.destroy?.(); // the connection broke while answering
    });
  };

  /**
   * Reads a request body as UTF-8, or undefined as soon as it is known to be over `maxBytes`
   * (Content-Length, or the text so far): the rest is never read.
   */
  private async readBody(
    contentLength: string | null | undefined,
    chunks: AsyncIterable<unknown>,
  ): Promise<string | undefined> {
    const max = this.limits.maxBytes;
    // A UTF-8 byte is at most one UTF-16 code unit, and one code unit takes at most three bytes.
    if (contentLength != null && Number(contentLength) > max * 3) return undefined;
    const decoder = new TextDecoder('utf-8');
    let body = '';
    // Not `for await`: leaving it early would destroy a node:http request, and with it the
    // connection the 413 answer goes out on.
    const it = chunks[Symbol.asyncIterator]();
    for (let next = await it.next(); next.done !== true; next = await it.next()) {
      const chunk = next.value;
      body += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
      if (body.length > max) return undefined;
    }
    body += decoder.decode();
    return body.length > max ? undefined : body;
  }

  private tooLarge(): SoapServiceResponse {
    const { maxBytes } = this.limits;
    return this.fault(
      'Client',
      new XmlLimitError('maxBytes', maxBytes).message,
      undefined,
      undefined,
      undefined,
      TOO_LARGE,
    );
  }

  /** By SOAPAction (SOAP 1.1 header or SOAP 1.2 content-type `action`), else by the body element. */
  private operationOf(request: SoapServiceRequest): OperationDesc | undefined {
    const action = unquote(request.soapAction) ?? actionParameter(request.contentType);
    const byAction = action !== undefined ? this.byAction.get(action) : undefined;
    if (byAction !== undefined) return byAction;
    const element = bodyElement(request.body);
    return element !== undefined ? this.byBody.get(element) : undefined;
  }

  private contentType(): string {
    return this.service.soapVersion === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
  }

  /**
   * A fault envelope. `code` is a local code (Client, Server, Sender, Receiver) or a QName, written
   * with prefix `s`. Code, reason and actor are text like any other: escaped, and characters XML
   * cannot carry replaced with U+FFFD, whatever a handler or a relayed fault put in them.
   */
  private fault(
    code: string,
    reason: string,
    detailXml?: string,
    subcode?: string,
    actor?: string,
    status = 500,
  ): SoapServiceResponse {
    const v12 = this.service.soapVersion === '1.2';
    const local = code.includes(':') ? code.slice(code.indexOf(':') + 1) : code;
    const mapped = text(
      v12
        ? (({ Client: 'Sender', Server: 'Receiver' } as Record<string, string>)[local] ?? local)
        : (({ Sender: 'Client', Receiver: 'Server' } as Record<string, string>)[local] ?? local),
    );
    const env = v12 ? SOAP12_NS : SOAP11_NS;
    const fault = v12
      ? `<s:Code><s:Value>s:${mapped}</s:Value>${subcode !== undefined ? `<s:Subcode><s:Value>${text(subcode)}</s:Value></s:Subcode>` : ''}</s:Code>` +
        `<s:Reason><s:Text xml:lang="en">${text(reason)}</s:Text></s:Reason>${actor !== undefined ? `<s:Role>${text(actor)}</s:Role>` : ''}` +
        `${detailXml !== undefined ? `<s:Detail>${detailXml}</s:Detail>` : ''}`
      : `<faultcode>s:${mapped}</faultcode><faultstring>${text(reason)}</faultstring>${actor !== undefined ? `<faultactor>${text(actor)}</faultactor>` : ''}` +
        `${detailXml !== undefined ? `<detail>${detailXml}</detail>` : ''}`;
    return {
      status,
      contentType: this.contentType(),
      body: `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${env}"><s:Body><s:Fault>${fault}</s:Fault></s:Body></s:Envelope>`,
    };
  }
}

/** The chunks of a fetch API body; reading stops (the stream is cancelled) when the consumer stops. */
async function* chunksOf(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (stream === null) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const BAD_XML_CHARS = new RegExp(BAD_XML_CHAR.source, 'gu');

/** Fault text as character data: what XML cannot carry becomes U+FFFD, the rest is escaped. */
function text(s: string): string {
  return escapeText(s.replace(BAD_XML_CHARS, '\uFFFD'));
}

function unquote(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
}

function actionParameter(contentType: string | undefined): string | undefined {
  const m = contentType !== undefined ? /;\s*action\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(contentType) : null;
  return m ? (m[2] ?? m[1]) : undefined;
}

/** `{ns}local` of the first element in the envelope's Body, read up to that element only. */
function bodyElement(xml: string): string | undefined {
  const found = new Error('found');
  let name: string | undefined;
  try {
    parseXml(xml, resolveLimits(undefined), () => {
      let depth = 0;
      let inBody = false;
      return {
        open(tag: XmlTag): void {
          depth++;
          if (depth === 2 && tag.local === 'Body' && (tag.uri === SOAP11_NS || tag.uri === SOAP12_NS)) inBody = true;
          else if (depth === 3 && inBody) {
            name = `{${tag.uri}}${tag.local}`;
            throw found;
          }
        },
        text(): void {},
        close(): void {
          depth--;
          if (depth === 1) inBody = false;
        },
      };
    });
  } catch (e) {
    if (e !== found && !(e instanceof SoapError)) throw e;
  }
  return name;
}
