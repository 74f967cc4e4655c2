/** Namespaces of the WSDL 1.1 vocabulary and its SOAP bindings. */
export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const WSDL_SOAP12_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
export const WSAW_NS = 'http://www.w3.org/2006/05/addressing/wsdl';
export const WSAM_NS = 'http://www.w3.org/2007/05/addressing/metadata';
/** SOAP 1.1 section 5 encoding (rpc/encoded messages, soapenc:Array). */
export const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
