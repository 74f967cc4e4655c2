/**
 * HTTP transport: posts request envelopes with `fetch` and reads the responses. Works in
 * browsers and Node (global fetch, TextEncoder/TextDecoder, AbortController only). No retries:
 * SOAP operations are not generally idempotent, so retrying is the caller's decision.
 *
 * Floor 4 of the runtime (client, server, security, public surface): imports the floors below, and security.ts.
 */

import { readEnvelopeInSlices } from './envelope-reader.js';
import { writeMessage } from './envelope-writer.js';
import {
  SoapAbortError,
  SoapError,
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
  SoapValidationError,
  XmlLimitError,
  XmlParseError,
} from './errors.js';
import { checkReadingMode, type ReadingMode, type ReadingWarning } from './reading.js';
import type { OperationDesc, ServiceDesc } from './schema.js';
import { prepareExtraHeaders, securityHeader, type WsSecurityOptions } from './security.js';
import { resolveLimits, type XmlLimits } from './limits.js';

/** Default per-call timeout: 60 seconds. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface SoapClientOptions {
  /** The service URL the envelopes are posted to. */
  endpoint: string;
  /** A fetch implementation; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Per-call timeout in milliseconds, covering the request, and reading and parsing the whole response.
   * Default 60,000 (DEFAULT_TIMEOUT_MS); 0 or a non-finite value disables it.
   */
  timeoutMs?: number;
  /**
   * Extra HTTP headers sent with every request (Content-Type and SOAPAction are set by the
   * client), for example `basicAuth(user, password)` or `bearerAuth(token)`. A name that is not
   * an HTTP token, or a value HTTP cannot carry (a line break, NUL, a character outside
   * Latin-1), makes each call reject with SoapValidationError naming it.
   */
  headers?: Record<string, string>;
  /** A WS-Security header (UsernameToken, Timestamp) sent with every request. */
  security?: WsSecurityOptions;
  /**
   * SOAP headers the contract does not declare, sent with every request: XML fragments of one
   * element each, every prefix declared in the fragment. Checked when the client is built.
   */
  extraHeaders?: readonly string[];
  /** Limits applied when reading responses (see XmlLimits for the defaults). */
  limits?: Partial<XmlLimits>;
  /**
   * 'strict' (the default) refuses a response that lacks a required member or writes a member in
   * another namespace than the contract's; 'lax' accepts both and reports each in the result's
   * `warnings`: the value then lacks what its type says it has.
   */
  reading?: ReadingMode;
  /**
   * Follow HTTP redirects. Off by default: following one sends the envelope again, credentials
   * and all, to whatever URL the answer names. A redirect then rejects with SoapHttpError, whose
   * `location` says where the server pointed.
   */
  followRedirects?: boolean;
}

export interface CallOptions {
  /** Aborts the call; the promise then rejects with SoapAbortError. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /** Replaces the client's WS-Security header for this call; null sends none. */
  security?: WsSecurityOptions | null;
  /** SOAP headers the contract does not declare, sent after the client's own `extraHeaders`. */
  extraHeaders?: readonly string[];
  /** Overrides the client's `reading` for this call's response. */
  reading?: ReadingMode;
}

export interface SoapResponse {
  body: unknown;
  headers: Record<string, unknown>;
  /** Response header elements the contract does not declare, as standalone XML fragments. */
  extraHeaders: string[];
  /** What lax reading accepted in the response (always empty under strict reading). */
  warnings: ReadingWarning[];
}

/** What came back for a request: status, content type, the decoded body, and where a redirect pointed. */
interface Exchanged {
  status: number;
  contentType: string;
  text: string;
  /** Set when the answer was a redirect that was not followed ('' when it did not say where). */
  location: string | undefined;
}

export class SoapClient {
  private readonly service: ServiceDesc;
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly httpHeaders: Record<string, string>;
  private readonly limits: XmlLimits;
  private readonly followRedirects: boolean;
  private readonly security: WsSecurityOptions | undefined;
  private readonly extraHeaders: readonly string[];
  private readonly reading: ReadingMode | undefined;

  constructor(service: ServiceDesc, options: SoapClientOptions) {
    this.service = service;
    this.endpoint = options.endpoint;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.httpHeaders = { ...options.headers };
    this.limits = resolveLimits(options.limits);
    this.followRedirects = options.followRedirects === true;
    this.security = options.security;
    this.extraHeaders = prepareExtraHeaders(options.extraHeaders, 'extraHeaders');
    this.reading = checkReadingMode(options.reading);
  }

  /**
   * Calls one operation: writes the request envelope (validating `body` and `headers`), posts it
   * and reads the response. Rejects with SoapValidationError (also for HTTP headers that cannot
   * be sent), SoapFaultError, SoapHttpError, SoapTransportError, SoapTimeoutError, SoapAbortError,
   * SoapServiceError, XmlParseError, XmlLimitError or UnexpectedMessageError: all SoapErrors.
   */
  async invoke(
    op: OperationDesc,
    body: unknown,
    headers: Record<string, unknown> | undefined,
    call?: CallOptions,
  ): Promise<SoapResponse> {
    const service = this.service;
    checkHttpHeaders(this.httpHeaders);
    const reading = checkReadingMode(call?.reading) ?? this.reading;
    const extra = [...this.extraHeaders, ...prepareExtraHeaders(call?.extraHeaders, 'extraHeaders')];
    const security = call?.security === undefined ? this.security : (call.security ?? undefined);
    if (security !== undefined) extra.push(await securityHeader(security, service.soapVersion === '1.2'));
    const xml = writeMessage(service, op.input, body, headers, extra);
    const httpHeaders = new Headers(this.httpHeaders);
    if (service.soapVersion === '1.2') {
      const action = op.soapAction === '' ? '' : `; action="${op.soapAction}"`;
      httpHeaders.set('Content-Type', `application/soap+xml; charset=utf-8${action}`);
    } else {
      httpHeaders.set('Content-Type', 'text/xml; charset=utf-8');
      httpHeaders.set('SOAPAction', `"${op.soapAction}"`);
    }

    // Bytes, so the encoding is UTF-8 whatever the fetch implementation does with strings. As a
    // Blob when redirects are followed: Node 20's fetch cannot send a Uint8Array body again
    // after a 307 or 308 ("detached ArrayBuffer"), a Blob it can.
    const bytes = new TextEncoder().encode(xml);
    const payload: BodyInit = this.followRedirects ? new Blob([bytes]) : bytes;
    // The response is parsed under the timeout and the caller's signal too, in slices: a
    // response that takes long to parse is stopped like one that takes long to arrive.
    return this.exchange(httpHeaders, payload, call, async ({ status, contentType, text, location }, pause) => {
      const read = (message: OperationDesc['output']) =>
        readEnvelopeInSlices(service, message, text, this.limits, status, pause, reading);
      if (location !== undefined) throw new SoapHttpError(status, contentType, text.slice(0, 500), undefined, location);
      if (status < 200 || status > 299) {
        // A fault explains the failure best; anything else is reported as an HTTP error.
        try {
          await read(op.output);
        } catch (e) {
          if (e instanceof SoapFaultError || e instanceof SoapTimeoutError || e instanceof SoapAbortError) throw e;
          throw new SoapHttpError(status, contentType, text.slice(0, 500), e);
        }
        throw new SoapHttpError(status, contentType, text.slice(0, 500));
      }
      if (op.output === undefined) {
        // One-way: nothing to read, but a fault that came back is still reported.
        if (/^\s*</.test(text)) {
          try {
            await read(undefined);
          } catch (e) {
            if (e instanceof SoapFaultError || e instanceof SoapTimeoutError || e instanceof SoapAbortError) throw e;
          }
        }
        return { body: undefined, headers: {}, extraHeaders: [], warnings: [] };
      }
      const result = await read(op.output);
      checkServiceHeaders(service, result);
      return result;
    });
  }

  /**
   * Posts the request, reads the whole response and hands it to `read`, all under the timeout
   * and the caller's signal. `read` awaits `pause` between slices of its work; `pause` throws
   * the SoapTimeoutError or SoapAbortError once the call has been stopped.
   */
  private async exchange<T>(
    headers: Headers,
    payload: BodyInit,
    call: CallOptions | undefined,
    read: (exchanged: Exchanged, pause: () => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const signal = call?.signal;
    if (signal?.aborted === true) throw callerAborted(signal.reason);
    const timeoutMs = call?.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    // Settles (rejects) as soon as the call is aborted or times out, even if the fetch
    // implementation ignores its signal, so the caller is never kept waiting.
    let stop: (e: SoapError) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    stopped.catch(() => undefined); // a call that has settled is not waiting for it
    const onAbort = (): void => {
      const err = callerAborted(signal?.reason);
      controller.abort(err);
      stop(err);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        const err = new SoapTimeoutError(timeoutMs);
        controller.abort(err);
        stop(err);
      }, timeoutMs);
    }
    const pause = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (controller.signal.aborted) throw controller.signal.reason;
    };
    const fetchImpl = this.fetchImpl;
    const maxBytes = this.limits.maxBytes;
    const redirect = this.followRedirects ? 'follow' : 'manual';
    const run = async (): Promise<Exchanged> => {
      const res = await fetchImpl(this.endpoint, {
        method: 'POST',
        headers,
        body: payload,
        signal: controller.signal,
        redirect,
      });
      const contentType = res.headers.get('content-type') ?? '';
      const bytes = await readBytes(res, maxBytes);
      // A redirect not followed: a 3xx with its Location, or (in browsers) an opaque answer
      // that hides both.
      const redirected = res.type === 'opaqueredirect' || (res.status >= 300 && res.status <= 399);
      const location = redirected ? (res.headers.get('location') ?? '') : undefined;
      return { status: res.status, contentType, text: decode(bytes, contentType), location };
    };
    try {
      let exchanged: Exchanged;
      try {
        exchanged = await Promise.race([run(), stopped]);
      } catch (e) {
        if (e instanceof SoapError) throw e;
        if (controller.signal.aborted && controller.signal.reason instanceof SoapError) throw controller.signal.reason;
        throw new SoapTransportError(`request to ${this.endpoint} failed: ${rootCause(e)}`, e);
      }
      return await Promise.race([read(exchanged, pause), stopped]);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * Reads the response body. A UTF-8 document of `maxBytes` UTF-16 code units takes at most three
 * bytes per unit, so more than 3 * maxBytes bytes is refused before the body is all in memory.
 */
async function readBytes(res: Response, maxBytes: number): Promise<Uint8Array> {
  const cap = maxBytes * 3;
  if (res.body === null) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new XmlLimitError('maxBytes', maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

/**
 * The error for a call the caller's signal ended: SoapTimeoutError when the signal timed out
 * (`AbortSignal.timeout()` aborts with a DOMException named TimeoutError), else SoapAbortError.
 */
function callerAborted(reason: unknown): SoapError {
  const timedOut =
    typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
  return timedOut ? new SoapTimeoutError(undefined, reason) : new SoapAbortError(reason);
}

/**
 * What a failed fetch says went wrong. fetch rejects with a bare "fetch failed" whose `cause`
 * chain holds the reason (`connect ECONNREFUSED ...`, `getaddrinfo ENOTFOUND ...`, a certificate
 * error): the innermost message, with the innermost error code when the message lacks it.
 */
function rootCause(e: unknown): string {
  let message = e instanceof Error ? e.message : String(e);
  let code: string | undefined;
  const seen = new Set<unknown>();
  for (let c: unknown = e; c instanceof Error && !seen.has(c);) {
    seen.add(c);
    const k = (c as { code?: unknown }).code;
    if (typeof k === 'string' && k !== '') code = k;
    if (c.message !== '') message = c.message;
    // Several addresses tried (IPv6 and IPv4): an AggregateError whose errors say why.
    c = c.cause ?? (c instanceof AggregateError ? (c.errors as unknown[])[0] : undefined);
  }
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

/** An HTTP token (RFC 9110, section 5.6.2): what a header name may be. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a header value cannot carry: line breaks and NUL (header injection) and characters above U+00FF. */
const HTTP_UNSAFE = /[\r\n\0]|[^\0-\u00ff]/;

/** Refuses, naming the header, what fetch would refuse with a bare TypeError (or send as injected headers). */
function checkHttpHeaders(headers: Record<string, unknown>): void {
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    const path = `headers[${JSON.stringify(name)}]`;
    if (!HTTP_TOKEN.test(name)) throw new SoapValidationError(path, name, 'not an HTTP header name');
    if (typeof value !== 'string') throw new SoapValidationError(path, value, `expected a string, got ${typeof value}`);
    const bad = HTTP_UNSAFE.exec(value);
    if (bad !== null) {
      const c = bad[0].codePointAt(0) as number;
      const what =
        c <= 0xff ? 'a line break or NUL' : `U+${c.toString(16).toUpperCase().padStart(4, '0')}, outside Latin-1`;
      throw new SoapValidationError(path, value, `an HTTP header value cannot carry ${what} (at index ${bad.index})`);
    }
  }
}

/**
 * Decodes the response body strictly: with the content type's charset (an unknown one reads as
 * UTF-8), else the encoding a byte order mark or the XML declaration names, else UTF-8. Bytes
 * invalid in that encoding are an XmlParseError at their position, never U+FFFD. The BOM is
 * kept for parseXml, which skips one.
 */
function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
  let label = charset ?? bomEncoding(bytes);
  let decoder: TextDecoder | undefined;
  if (label === undefined) {
    label = declaredEncoding(bytes);
    if (label !== undefined) {
      decoder = textDecoder(label);
      if (decoder === undefined) {
        throw new XmlParseError(`the XML declaration names encoding "${label}", which this runtime cannot read`, 1, 1);
      }
    }
  }
  decoder ??= textDecoder(label ?? 'utf-8') ?? (textDecoder('utf-8') as TextDecoder);
  try {
    return decoder.decode(bytes);
  } catch {
    throw invalidBytes(bytes, decoder.encoding);
  }
}

function textDecoder(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The `encoding` of an XML declaration written in an ASCII-compatible encoding, if any. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 256));
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const decl = end < 0 ? head : head.slice(0, end);
  return /\sencoding\s*=\s*["']([^"']*)["']/.exec(decl)?.[1];
}

/** XmlParseError at the first byte `encoding` cannot decode (found by bisecting on valid prefixes). */
function invalidBytes(bytes: Uint8Array, encoding: string): XmlParseError {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  // The prefix may end inside the bad sequence's first bytes (they looked like a beginning):
  // step back to the end of the last whole character.
  const decodes = (end: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, end));
      return true;
    } catch {
      return false;
    }
  };
  while (good > 0 && !decodes(good)) good--;
  const before = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, good));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const byte = (bytes[good] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new XmlParseError(`byte 0x${byte} at offset ${good} is not valid ${encoding}`, line, column);
}

/** Turns WCF-style failure headers (ExceptionInfo, Succeeded = false) into SoapServiceError. */
function checkServiceHeaders(service: ServiceDesc, result: SoapResponse): void {
  const { headers, body } = result;
  let info: object | undefined;
  if (service.exceptionHeader !== undefined && Object.hasOwn(headers, service.exceptionHeader)) {
    const v = headers[service.exceptionHeader];
    if (typeof v === 'object' && v !== null) info = v;
  }
  if (info !== undefined) {
    const { Message, FriendlyText } = info as { Message?: unknown; FriendlyText?: unknown };
    const text = [Message, FriendlyText].find((t): t is string => typeof t === 'string' && t !== '');
    throw new SoapServiceError<object>(text ?? 'the service reported an exception', info, headers, body);
  }
  if (service.succeededHeader !== undefined && Object.hasOwn(headers, service.succeededHeader)) {
    if (headers[service.succeededHeader] === false) {
      throw new SoapServiceError('the service reported Succeeded = false', undefined, headers, body);
    }
  }
}
