/**
 * What reading and writing SOAP messages share: the envelope namespaces of SOAP 1.1 and 1.2, and
 * each message's descriptors compiled once (body element, bare or rpc body, header elements).
 *
 * Floor 3 of the runtime (SOAP messages): imports floors 0 to 2.
 */

import type { CompiledField, CompiledSchema } from './compiled.js';
import type { MessageDesc } from './schema.js';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

export interface CompiledHeader {
  readonly part: string;
  readonly field: CompiledField;
}

export interface CompiledMessage {
  readonly body: CompiledField;
  /** The body type's fields are the soap:Body's children (MessageDesc.bare). */
  readonly bare: boolean;
  /** The body is an rpc wrapper (MessageDesc.rpc). */
  readonly rpc: boolean;
  /** SOAP 1.1 encoding (MessageDesc.encoded). */
  readonly encoded: boolean;
  readonly headers: readonly CompiledHeader[];
}

const messages = new WeakMap<MessageDesc, CompiledMessage>();

/** The compiled form of `message`, built on first use and kept with the MessageDesc. */
export function compiledMessage(schema: CompiledSchema, message: MessageDesc): CompiledMessage {
  let m = messages.get(message);
  if (m === undefined) {
    m = {
      body: schema.field(message.body),
      bare: message.bare === true,
      rpc: message.rpc === true,
      encoded: message.encoded === true,
      headers: message.headers.map((h) => ({ part: h.part, field: schema.field(h.element) })),
    };
    messages.set(message, m);
  }
  return m;
}

/** A name as `{namespace}local`, as errors show it. */
export function clark(ns: string, name: string): string {
  return `{${ns}}${name}`;
}
