/**
 * HTTP transport: posts request envelopes with `fetch` and reads the responses. Works in
 * browsers and Node (global fetch, TextEncoder/TextDecoder, AbortController only). No retries:
 * SOAP operations are not generally idempotent, so retrying is the caller's decision.
 */

import { readEnvelopeInSlices, writeMessage } from './envelope.js';
import {
  SoapAbortError,
  SoapError,
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
  XmlLimitError,
} from './errors.js';
import type { OperationDesc, ServiceDesc } from './schema.js';
import { resolveLimits, type XmlLimits } from './xml-reader.js';

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
  /** Extra HTTP headers sent with every request (Content-Type and SOAPAction are set by the client). */
  headers?: Record<string, string>;
  /** Limits applied when reading responses (see XmlLimits for the defaults). */
  limits?: Partial<XmlLimits>;
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
}

export interface SoapResponse {
  body: unknown;
  headers: Record<string, unknown>;
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
  private readonly extraHeaders: Record<string, string>;
  private readonly limits: XmlLimits;
  private readonly followRedirects: boolean;

  constructor(service: ServiceDesc, options: SoapClientOptions) {
    this.service = service;
    this.endpoint = options.endpoint;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.extraHeaders = { ...options.headers };
    this.limits = resolveLimits(options.limits);
    this.followRedirects = options.followRedirects === true;
  }

  /**
   * Calls one operation: writes the request envelope (validating `body` and `headers`), posts it
   * and reads the response. Rejects with SoapValidationError, SoapFaultError, SoapHttpError,
   * SoapTransportError, SoapTimeoutError, SoapAbortError, SoapServiceError, XmlParseError,
   * XmlLimitError or UnexpectedMessageError.
   */
  async invoke(
    op: OperationDesc,
    body: unknown,
    headers: Record<string, unknown> | undefined,
    call?: CallOptions,
  ): Promise<SoapResponse> {
    const service = this.service;
    const xml = writeMessage(service, op.input, body, headers);
    const httpHeaders = new Headers(this.extraHeaders);
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
        readEnvelopeInSlices(service, message, text, this.limits, status, pause);
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
        return { body: undefined, headers: {} };
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
    if (signal?.aborted === true) throw new SoapAbortError(signal.reason);
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
      const err = new SoapAbortError(signal?.reason);
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
        const message = e instanceof Error ? e.message : String(e);
        throw new SoapTransportError(`request to ${this.endpoint} failed: ${message}`, e);
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

/** Decodes with the content type's charset when TextDecoder knows it, else UTF-8; drops a BOM. */
function decode(bytes: Uint8Array, contentType: string): string {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Turns WCF-style failure headers (ExceptionInfo, Succeeded = false) into SoapServiceError. */
function checkServiceHeaders(service: ServiceDesc, result: SoapResponse): void {
  const { headers, body } = result;
  let info: Record<string, unknown> | undefined;
  if (service.exceptionHeader !== undefined && Object.hasOwn(headers, service.exceptionHeader)) {
    const v = headers[service.exceptionHeader];
    if (typeof v === 'object' && v !== null) info = v as Record<string, unknown>;
  }
  if (info !== undefined) {
    const text = [info['Message'], info['FriendlyText']].find((t): t is string => typeof t === 'string' && t !== '');
    throw new SoapServiceError(text ?? 'the service reported an exception', info, headers, body);
  }
  if (service.succeededHeader !== undefined && Object.hasOwn(headers, service.succeededHeader)) {
    if (headers[service.succeededHeader] === false) {
      throw new SoapServiceError('the service reported Succeeded = false', undefined, headers, body);
    }
  }
}
