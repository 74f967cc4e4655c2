/**
 * Writing whole SOAP messages: the request (or response) envelope of an operation, its headers
 * and body written from the compiled descriptors by `XmlWriter`.
 *
 * Floor 3 of the runtime (SOAP messages): imports floors 0 to 2, and envelope.ts.
 */

import { compiledSchema, type CompiledComplex } from './compiled.js';
import { compiledMessage, SOAP11_NS, SOAP12_NS } from './envelope.js';
import type { MessageDesc, ServiceDesc } from './schema.js';
import { SOAP_ENCODING_STYLE } from './soap-encoding.js';
import { SOAP_ENCODING_NS, XSD_NS, XSI_NS } from './xml-namespaces.js';
import { XmlWriter, type Binding } from './xml-writer.js';

/**
 * Writes a request envelope: XML declaration, `s:Envelope`, `s:Header` (only when some header
 * value is defined), `s:Body` with the body element. Values are validated against the
 * descriptors; a value that does not fit throws SoapValidationError naming its path.
 * `extraHeaders`: header elements the contract does not declare, as XML already checked (see
 * prepareExtraHeaders), written after the contract's; the prefix `s` is the envelope's.
 */
export function writeMessage(
  service: ServiceDesc,
  message: MessageDesc,
  body: unknown,
  headers: Record<string, unknown> | undefined,
  extraHeaders: readonly string[] = [],
): string {
  const schema = compiledSchema(service.schema);
  const m = compiledMessage(schema, message);
  const env = service.soapVersion === '1.2' ? SOAP12_NS : SOAP11_NS;
  let bindings: Binding = { prefix: 's', uri: env, next: undefined };
  const w = new XmlWriter(schema, 2); // inside Envelope and Header or Body
  w.out = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${env}"`;
  if (m.encoded) {
    // Every value of an encoded body names its type: the prefixes it uses are declared once.
    w.out += ` xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}" xmlns:soapenc="${SOAP_ENCODING_NS}"`;
    bindings = {
      prefix: 'xsi',
      uri: XSI_NS,
      next: { prefix: 'xsd', uri: XSD_NS, next: { prefix: 'soapenc', uri: SOAP_ENCODING_NS, next: bindings } },
    };
  }
  w.out += '>';
  let opened = false;
  if (headers !== undefined) {
    for (const h of m.headers) {
      const v = Object.hasOwn(headers, h.part) ? headers[h.part] : undefined;
      if (v === undefined) continue; // headers are optional on the wire whatever minOccurs says
      if (!opened) {
        w.out += '<s:Header>';
        opened = true;
      }
      w.writeField({ ...h.field, min: 0 }, v, '', bindings);
    }
  }
  if (extraHeaders.length > 0) {
    if (!opened) w.out += '<s:Header>';
    opened = true;
    w.out += extraHeaders.join('');
  }
  if (opened) w.out += '</s:Header>';
  w.out += '<s:Body>';
  // Headers are written as literal XML whatever their use; the body's values as it says.
  if (m.encoded) w.encodingStyle = ` s:encodingStyle="${SOAP_ENCODING_STYLE}"`;
  if (m.bare) {
    const value = body === undefined ? {} : body;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      w.fail(value, 'expected an object (the message parts)');
    w.writeContent(m.body.complex as CompiledComplex, value as object, '', bindings);
  } else {
    w.writeField(m.body, body === undefined && m.body.complex !== undefined ? {} : body, '', bindings);
  }
  w.out += '</s:Body></s:Envelope>';
  return w.out;
}
