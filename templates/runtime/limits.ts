/**
 * How much a document may make the reader do: the `XmlLimits` every parse enforces and their
 * defaults. Kept apart so that the error catalogue and every XML module can name a limit
 * without importing the reader.
 *
 * Floor 0 of the runtime (constants and types): imports nothing.
 */

/** Bounds on what a response may make the reader do. Exceeding one throws `XmlLimitError`. */
export interface XmlLimits {
  /** Document size in UTF-16 code units (the decoded string's length). Default 64 MiB. */
  maxBytes: number;
  /** Element nesting depth. Default 256. */
  maxDepth: number;
  /** Elements in the document. Default 5,000,000. */
  maxElements: number;
  /** Attributes (namespace declarations included) on one element. Default 256. */
  maxAttributes: number;
  /** Length of one attribute value. Default 1 MiB. */
  maxAttributeLength: number;
  /** Length of one text node (and of one leaf element's accumulated text). Default 64 MiB. */
  maxTextLength: number;
  /**
   * In a SOAP-encoded message, how many times the Body's own elements, attributes and text its
   * `href` references may repeat (never less than 100,000 elements and attributes and 1 Mi
   * characters), within maxElements and maxBytes. Default 16.
   */
  maxReferenceExpansion: number;
}

export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 5_000_000,
  maxAttributes: 256,
  maxAttributeLength: 1024 * 1024,
  maxTextLength: 64 * 1024 * 1024,
  maxReferenceExpansion: 16,
});

export function resolveLimits(partial: Partial<XmlLimits> | undefined): XmlLimits {
  return { ...DEFAULT_XML_LIMITS, ...partial };
}
