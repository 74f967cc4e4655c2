/**
 * Credentials a service asks for outside the contract: the WS-Security header (OASIS Web Services
 * Security, UsernameToken Profile 1.0, with a Timestamp), the HTTP Authorization header (Basic,
 * Bearer), and extra SOAP headers given as XML fragments. Browser-safe: hashing and random bytes
 * come from Web Crypto (`globalThis.crypto`), which Node 20 and browsers both have.
 *
 * Floor 4 of the runtime (client, server, security, public surface): imports the floors below.
 */

import { SoapValidationError } from './errors.js';
import { checkXmlChars, encodeBase64, InvalidValue } from './values.js';
import { prepareFragment } from './xml-fragment.js';
import { escapeAttr, escapeText } from './xml-escape.js';

export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const TOKEN_PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
const BASE64_BINARY = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** Default lifetime of the Timestamp: 10 minutes, as node-soap and WSS4J write it. */
export const DEFAULT_TIMESTAMP_SECONDS = 600;

/** A WS-Security header with a UsernameToken, written beside the contract's own SOAP headers. */
export interface WsSecurityOptions {
  readonly username: string;
  readonly password: string;
  /**
   * `PasswordText` (default) sends the password itself; `PasswordDigest` sends
   * Base64(SHA-1(nonce + created + password)), with the nonce and the creation time.
   */
  readonly passwordType?: 'PasswordText' | 'PasswordDigest';
  /** Send a wsse:Nonce with a PasswordText token too (a digest always has one). Default false. */
  readonly nonce?: boolean;
  /** Send wsu:Created in the token (a digest always has it). Default true. */
  readonly created?: boolean;
  /**
   * Lifetime of the wsu:Timestamp in seconds (Created = now, Expires = now + lifetime). Default
   * 600 (DEFAULT_TIMESTAMP_SECONDS); 0 leaves the Timestamp out.
   */
  readonly timestampSeconds?: number;
  /** Mark the header `mustUnderstand` (the server must process it or fault). Default false. */
  readonly mustUnderstand?: boolean;
  /** The SOAP 1.1 actor / SOAP 1.2 role the header is meant for. Default: none (the endpoint). */
  readonly actor?: string;
  /** The clock (for tests and for servers whose clock differs). Default: `new Date()`. */
  readonly now?: () => Date;
  /** Fills a buffer with random bytes (for tests). Default: `crypto.getRandomValues`. */
  readonly randomBytes?: (bytes: Uint8Array) => void;
}

/**
 * The wsse:Security header element for `options`, with the envelope's prefix `s` bound to
 * `envelopeNs` (for mustUnderstand and actor/role). Throws SoapValidationError (path `security`)
 * for options it cannot write.
 */
export async function securityHeader(options: WsSecurityOptions, soap12: boolean): Promise<string> {
  const digest = options.passwordType === 'PasswordDigest';
  if (options.passwordType !== undefined && !digest && options.passwordType !== 'PasswordText') {
    throw new SoapValidationError(
      'security.passwordType',
      options.passwordType,
      'expected PasswordText or PasswordDigest',
    );
  }
  const text = (name: 'username' | 'password' | 'actor'): string => {
    const v = options[name] ?? '';
    if (typeof v !== 'string')
      throw new SoapValidationError(`security.${name}`, v, `expected a string, got ${typeof v}`);
    try {
      checkXmlChars(v);
    } catch (e) {
      if (e instanceof InvalidValue) throw new SoapValidationError(`security.${name}`, v, e.message);
      throw e;
    }
    return v;
  };
  const username = text('username');
  const password = text('password');
  const actor = options.actor === undefined ? undefined : text('actor');
  const lifetime = options.timestampSeconds ?? DEFAULT_TIMESTAMP_SECONDS;
  if (typeof lifetime !== 'number' || !Number.isFinite(lifetime) || lifetime < 0) {
    throw new SoapValidationError('security.timestampSeconds', lifetime, 'expected a number of seconds, 0 or more');
  }
  const now = (options.now ?? (() => new Date()))();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new SoapValidationError('security.now', now, 'the clock gave no valid Date');
  }
  const random = options.randomBytes ?? ((b: Uint8Array) => void globalThis.crypto.getRandomValues(b));
  const created = instant(now);

  let token = `<wsse:Username>${escapeText(username)}</wsse:Username>`;
  let nonce: Uint8Array | undefined;
  if (digest || options.nonce === true) {
    nonce = new Uint8Array(16);
    random(nonce);
  }
  if (digest) {
    token += `<wsse:Password Type="${TOKEN_PROFILE}#PasswordDigest">${await passwordDigest(nonce as Uint8Array, created, password)}</wsse:Password>`;
  } else {
    token += `<wsse:Password Type="${TOKEN_PROFILE}#PasswordText">${escapeText(password)}</wsse:Password>`;
  }
  if (nonce !== undefined) token += `<wsse:Nonce EncodingType="${BASE64_BINARY}">${encodeBase64(nonce)}</wsse:Nonce>`;
  if (digest || options.created !== false) token += `<wsu:Created>${created}</wsu:Created>`;

  // Ids as WSS4J writes them (a prefix and random hex): valid xs:ID values, unlike ids built
  // from a timestamp, whose colons an xs:ID cannot hold.
  let xml = `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}"`;
  if (options.mustUnderstand === true) xml += ` s:mustUnderstand="${soap12 ? 'true' : '1'}"`;
  if (actor !== undefined) xml += ` s:${soap12 ? 'role' : 'actor'}="${escapeAttr(actor)}"`;
  xml += '>';
  if (lifetime > 0) {
    const expires = instant(new Date(now.getTime() + lifetime * 1000));
    xml += `<wsu:Timestamp wsu:Id="TS-${randomHex(random)}"><wsu:Created>${created}</wsu:Created><wsu:Expires>${expires}</wsu:Expires></wsu:Timestamp>`;
  }
  xml += `<wsse:UsernameToken wsu:Id="UsernameToken-${randomHex(random)}">${token}</wsse:UsernameToken>`;
  return `${xml}</wsse:Security>`;
}

/** Base64(SHA-1(nonce + created + password)), UTF-8 for the two strings (UsernameToken Profile 1.0, 3.1). */
export async function passwordDigest(nonce: Uint8Array, created: string, password: string): Promise<string> {
  const enc = new TextEncoder();
  const c = enc.encode(created);
  const p = enc.encode(password);
  const all = new Uint8Array(nonce.length + c.length + p.length);
  all.set(nonce, 0);
  all.set(c, nonce.length);
  all.set(p, nonce.length + c.length);
  return encodeBase64(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', all)));
}

/** An xs:dateTime in UTC to the second, as WS-Security implementations write it. */
function instant(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function randomHex(random: (bytes: Uint8Array) => void): string {
  const b = new Uint8Array(16);
  random(b);
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/**
 * `{ Authorization: 'Basic ...' }` for the client's `headers` option (RFC 7617, UTF-8). The user
 * name cannot hold a colon; neither value can hold CR, LF or NUL.
 */
export function basicAuth(username: string, password: string): Record<string, string> {
  headerSafe('basicAuth', 'username', username);
  headerSafe('basicAuth', 'password', password);
  if (username.includes(':'))
    throw new SoapValidationError('basicAuth.username', username, 'a Basic user name cannot hold a colon');
  return { Authorization: `Basic ${encodeBase64(new TextEncoder().encode(`${username}:${password}`))}` };
}

/** `{ Authorization: 'Bearer ...' }` for the client's `headers` option (RFC 6750: a token68). */
export function bearerAuth(token: string): Record<string, string> {
  headerSafe('bearerAuth', 'token', token);
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) {
    throw new SoapValidationError(
      'bearerAuth.token',
      token,
      'not a bearer token (letters, digits and -._~+/ then any =)',
    );
  }
  return { Authorization: `Bearer ${token}` };
}

function headerSafe(fn: string, name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string')
    throw new SoapValidationError(`${fn}.${name}`, value, `expected a string, got ${typeof value}`);
  if (/[\r\n\0]/.test(value))
    throw new SoapValidationError(`${fn}.${name}`, value, 'CR, LF and NUL cannot be sent in an HTTP header');
}

/**
 * Checks extra SOAP headers (XML fragments, one element each, every prefix declared in it) and
 * returns them as they are written into s:Header. `path` names the option in errors
 * (`extraHeaders[1]`).
 */
export function prepareExtraHeaders(fragments: readonly unknown[] | undefined, path: string): string[] {
  if (fragments === undefined) return [];
  if (!Array.isArray(fragments)) throw new SoapValidationError(path, fragments, 'expected an array of XML fragments');
  return fragments.map((f, i) => {
    try {
      return prepareFragment(f, '', true);
    } catch (e) {
      if (e instanceof InvalidValue) throw new SoapValidationError(`${path}[${i}]`, f, e.message);
      throw e;
    }
  });
}
