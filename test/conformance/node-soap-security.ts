/**
 * node-soap's WS-Security samples (those with a `security.json`) in this project's terms: the
 * `security` option that says what node-soap's WSSecurity options say, and the comparison that
 * leaves out what differs by design (wsu:Id values, which node-soap derives from the time, with
 * colons no xs:ID may hold).
 */
import type { WsSecurityOptions } from '../../templates/runtime/security.ts';
import type { CanonicalElement } from '../support/canonical.ts';

export const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';

/** node-soap's `security.json`: `new WSSecurity(username, password, options)`. */
export interface NodeSoapSecurity {
  readonly type: string;
  readonly username: string;
  readonly password: string;
  readonly options?: unknown;
}

/** Our options for node-soap's WSSecurity(username, password, options), following its rules, with the clock at `now`. */
export function fromNodeSoap(json: NodeSoapSecurity, now: Date): WsSecurityOptions {
  const raw = json.options;
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  // A string is the password type (its old signature); an unknown type means PasswordText.
  const type = typeof raw === 'string' ? raw : o['passwordType'];
  const digest = type === 'PasswordDigest';
  // hasTimeStamp and hasTokenCreated: true unless given as a falsy boolean.
  const on = (v: unknown) => (typeof v === 'boolean' ? v : true);
  return {
    username: json.username,
    password: json.password,
    passwordType: digest ? 'PasswordDigest' : 'PasswordText',
    nonce: o['hasNonce'] === true,
    created: on(o['hasTokenCreated']),
    timestampSeconds: on(o['hasTimeStamp']) ? 600 : 0,
    mustUnderstand: o['mustUnderstand'] === true,
    ...(typeof o['actor'] === 'string' ? { actor: o['actor'] } : {}),
    now: () => now,
  };
}

/** The element with every wsu:Id value replaced by `(id)`. */
export function maskedIds(el: CanonicalElement): CanonicalElement {
  const attributes = { ...el.attributes };
  if (`{${WSU}}Id` in attributes) attributes[`{${WSU}}Id`] = '(id)';
  return { ...el, attributes, children: el.children.map(maskedIds) };
}

/** The time of the sample's token (its wsu:Created), which our clock is set to. */
export function sampleCreated(requestXml: string): Date | undefined {
  const created = /<wsu:Created>([^<]+)</.exec(requestXml)?.[1];
  return created === undefined ? undefined : new Date(created);
}
