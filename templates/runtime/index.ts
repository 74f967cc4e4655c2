/**
 * Public surface of the runtime. Generated code imports from here; applications mostly need the
 * client and the error classes.
 *
 * Floor 4 of the runtime (client, server, security, public surface): re-exports from every floor.
 */

export type * from './schema.js';
export {
  SoapAbortError,
  SoapError,
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
  SoapValidationError,
  UnexpectedMessageError,
  XmlLimitError,
  XmlParseError,
  type SoapFaultInit,
  type SoapServiceErrorClass,
} from './errors.js';
export { SOAP11_NS, SOAP12_NS } from './envelope.js';
export { readMessage } from './envelope-reader.js';
export { writeMessage } from './envelope-writer.js';
export {
  basicAuth,
  bearerAuth,
  DEFAULT_TIMESTAMP_SECONDS,
  passwordDigest,
  WSSE_NS,
  WSU_NS,
  type WsSecurityOptions,
} from './security.js';
export { DEFAULT_XML_LIMITS, type XmlLimits } from './limits.js';
export { MAX_WARNINGS, type ReadingMode, type ReadingWarning, type ReadingWarningKind } from './reading.js';
export {
  DEFAULT_TIMEOUT_MS,
  SoapClient,
  type CallOptions,
  type SoapClientOptions,
  type SoapResponse,
} from './client.js';
export {
  SoapService,
  type HandlerContext,
  type OperationHandler,
  type SoapServiceOptions,
  type SoapServiceRequest,
  type SoapServiceResponse,
} from './server.js';
