/**
 * The runtime's error catalogue. Every error the runtime throws is a `SoapError`; callers tell
 * them apart with `instanceof` (or `name`). `code` is a stable machine-readable string from the
 * list below, except on `SoapFaultError`, where `code` is the SOAP fault code the server sent
 * (for example `s:Client`), as SOAP names it.
 *
 * Floor 1 of the runtime (errors, values, compiled descriptors): imports floor 0 (limits.ts).
 */

import type { XmlLimits } from './limits.js';

export class SoapError extends Error {
  /** Stable error code (`SoapFaultError`: the SOAP fault code instead). */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    // Set per class as a literal (not new.target.name) so minified bundles keep the names.
    this.name = 'SoapError';
  }
}

/** The response is not well-formed XML, or uses a construct the runtime refuses (DOCTYPE, PIs). */
export class XmlParseError extends SoapError {
  /** 1-based line of the position where the problem was detected. */
  readonly line: number;
  /** Column (characters from the start of the line) where the problem was detected. */
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super('XML_PARSE', `${line}:${column}: ${message}`);
    this.name = 'XmlParseError';
    this.line = line;
    this.column = column;
  }
}

/** A document exceeded one of the reader's `XmlLimits`. */
export class XmlLimitError extends SoapError {
  readonly limit: keyof XmlLimits;
  /** The limit's configured value that was exceeded. */
  readonly value: number;

  /** `detail`: why the document went over the limit where that is not plain from its name. */
  constructor(limit: keyof XmlLimits, value: number, detail?: string) {
    super('XML_LIMIT', `XML limit exceeded: ${limit} (${value})${detail === undefined ? '' : `: ${detail}`}`);
    this.name = 'XmlLimitError';
    this.limit = limit;
    this.value = value;
  }
}

/** A value does not fit its declared type (outgoing values, or incoming lexical forms). */
export class SoapValidationError extends SoapError {
  /** Dotted path of the offending element, e.g. `SaveServiceAuth.ServiceAuth.Port` or `Items[2]`. */
  readonly path: string;
  /** The offending value (outgoing: the JS value; incoming: the lexical string). */
  readonly value: unknown;

  constructor(path: string, value: unknown, reason: string) {
    super('VALIDATION', `${path}: ${reason}`);
    this.name = 'SoapValidationError';
    this.path = path;
    this.value = value;
  }
}

export interface SoapFaultInit {
  readonly code: string;
  readonly subcode?: string | undefined;
  readonly reason: string;
  readonly actor?: string | undefined;
  readonly detailXml?: string | undefined;
  readonly headers: Record<string, unknown>;
  readonly httpStatus?: number | undefined;
}

/** The server answered with a SOAP Fault (1.1 or 1.2). */
export class SoapFaultError extends SoapError {
  /** SOAP 1.1 faultcode / SOAP 1.2 Code/Value, as written (a QName such as `s:Client`). */
  declare readonly code: string;
  /** SOAP 1.2 Code/Subcode/Value (first level), as written. */
  readonly subcode?: string;
  /** SOAP 1.1 faultstring / SOAP 1.2 first Reason/Text. */
  readonly reason: string;
  /** SOAP 1.1 faultactor / SOAP 1.2 Role. */
  readonly actor?: string;
  /** Inner XML of the fault detail, with the namespace declarations it relies on made explicit. */
  readonly detailXml?: string;
  /** Known response headers parsed before the fault (WCF may send ExceptionInfo alongside). */
  readonly headers: Record<string, unknown>;
  /** HTTP status of the response that carried the fault, when it came through `SoapClient`. */
  readonly httpStatus?: number;

  constructor(init: SoapFaultInit) {
    super(init.code, `SOAP fault ${init.code}: ${init.reason}`);
    this.name = 'SoapFaultError';
    this.reason = init.reason;
    this.headers = init.headers;
    if (init.subcode !== undefined) this.subcode = init.subcode;
    if (init.actor !== undefined) this.actor = init.actor;
    if (init.detailXml !== undefined) this.detailXml = init.detailXml;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }
}

/** The server answered with a non-2xx status and no SOAP fault could be read from the body. */
export class SoapHttpError extends SoapError {
  readonly status: number;
  readonly contentType: string;
  /** The first 500 characters of the decoded response body. */
  readonly bodyExcerpt: string;
  /**
   * A redirect that was not followed (see SoapClientOptions.followRedirects): where it pointed,
   * or '' when the answer did not say (browsers hide it). Undefined for other answers.
   */
  readonly location: string | undefined;

  constructor(status: number, contentType: string, bodyExcerpt: string, cause?: unknown, location?: string) {
    super(
      'HTTP_STATUS',
      location === undefined
        ? `HTTP ${status} from SOAP endpoint (${contentType || 'no content type'})`
        : `HTTP ${status} from SOAP endpoint: a redirect${location === '' ? '' : ` to ${location}`}, not followed (set followRedirects to follow redirects)`,
      { cause },
    );
    this.name = 'SoapHttpError';
    this.status = status;
    this.contentType = contentType;
    this.bodyExcerpt = bodyExcerpt;
    this.location = location;
  }
}

/** The request could not be sent or the response not received (DNS, refused connection, reset). */
export class SoapTransportError extends SoapError {
  constructor(message: string, cause: unknown) {
    super('TRANSPORT', message, { cause });
    this.name = 'SoapTransportError';
  }
}

/**
 * The call took longer than its timeout: the client's or the call's `timeoutMs`, or the caller's
 * signal aborted with a `TimeoutError` (as `AbortSignal.timeout()` does; `cause` is its reason).
 */
export class SoapTimeoutError extends SoapError {
  /** The timeout that expired; undefined when it was the caller's signal (its duration is not known here). */
  readonly timeoutMs: number | undefined;

  constructor(timeoutMs: number | undefined, cause?: unknown) {
    super(
      'TIMEOUT',
      timeoutMs === undefined
        ? "SOAP call timed out (the caller's AbortSignal timed out)"
        : `SOAP call timed out after ${timeoutMs} ms`,
      { cause },
    );
    this.name = 'SoapTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal aborted the call; `cause` is the signal's reason. */
export class SoapAbortError extends SoapError {
  constructor(cause: unknown) {
    super('ABORTED', 'SOAP call aborted', { cause });
    this.name = 'SoapAbortError';
  }
}

/**
 * The service reported a failure in its response headers (WCF/SuperOffice `ExceptionInfo`, or
 * `Succeeded` = false) although the message itself was delivered. A generated package exports it
 * with `Info` set to its contract's exception header type (SuperOffice: `SoExceptionInfo`).
 */
export class SoapServiceError<Info = Record<string, unknown>> extends SoapError {
  /** The exception header's value, when present. */
  readonly info: Info | undefined;
  /** All known response headers. */
  readonly headers: Record<string, unknown>;
  /** The response body that came with the failure (often empty). */
  readonly body: unknown;

  constructor(message: string, info: Info | undefined, headers: Record<string, unknown>, body: unknown) {
    super('SERVICE', message);
    this.name = 'SoapServiceError';
    this.info = info;
    this.headers = headers;
    this.body = body;
  }
}

/**
 * `SoapServiceError` as a generated package exports it: the same class, its `info` typed with
 * the contract's exception header type, so that `instanceof` narrows to that type.
 */
export interface SoapServiceErrorClass<Info> {
  new (
    message: string,
    info: Info | undefined,
    headers: Record<string, unknown>,
    body: unknown,
  ): SoapServiceError<Info>;
  readonly prototype: SoapServiceError<Info>;
}

/** The envelope is readable but does not hold the expected message (wrong root or body element). */
export class UnexpectedMessageError extends SoapError {
  /** What was expected, as `{namespace}name`. */
  readonly expected: string;
  /** What was found instead, as `{namespace}name`, or `nothing`. */
  readonly found: string;

  constructor(expected: string, found: string) {
    super('UNEXPECTED_MESSAGE', `expected ${expected}, found ${found}`);
    this.name = 'UnexpectedMessageError';
    this.expected = expected;
    this.found = found;
  }
}
