import type { SourceLocation } from './model.ts';

/**
 * The catalogue of errors the generator reports for bad input. Each has a stable code so that
 * callers and tests can tell them apart without matching message text.
 */
export type GeneratorErrorCode =
  /** A file that cannot be read (missing, a folder, no permission). */
  | 'FILE_NOT_FOUND'
  /** A URL that could not be fetched: refused, DNS, non-2xx status. */
  | 'FETCH_FAILED'
  /** A URL that did not answer in time. */
  | 'FETCH_TIMEOUT'
  /** A document that is not well-formed XML. */
  | 'XML_MALFORMED'
  /** A well-formed document that is not a WSDL or XSD where one was expected. */
  | 'NOT_A_CONTRACT'
  /** A QName that names no declaration of the kind needed. */
  | 'UNRESOLVED_REFERENCE'
  /** Two declarations of the same kind and QName. */
  | 'DUPLICATE_DECLARATION'
  /** A type that derives from itself. */
  | 'CIRCULAR_DERIVATION'
  /** A construct the contract uses that the generator does not support. */
  | 'UNSUPPORTED'
  /** A contract that is well-formed but incomplete or inconsistent (e.g. no binding). */
  | 'INVALID_CONTRACT'
  /** A contract beyond one of the generator's limits (nesting, derivation depth; see limits.ts). */
  | 'LIMIT_EXCEEDED'
  /** A config file, or the packages given to the API, with a missing, unknown or invalid value. */
  | 'INVALID_CONFIG'
  /**
   * An output folder the generator will not write into: a file, a folder it did not write (no
   * manifest), or a file in the way that it did not write or that was changed since (see
   * ownership.ts). --force overrides all but the first.
   */
  | 'OUTPUT_REFUSED'
  /** The output folder could not be written (permissions, a full disk). */
  | 'WRITE_FAILED'
  /** A contract document over the size limit (--max-contract-bytes), or not a regular file. */
  | 'CONTRACT_TOO_LARGE'
  /** Command-line usage errors. */
  | 'USAGE';

export class GeneratorError extends Error {
  override readonly name = 'GeneratorError';
  readonly code: GeneratorErrorCode;
  readonly location: SourceLocation | undefined;

  constructor(code: GeneratorErrorCode, message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.location = location;
  }

  /**
   * The one-line form the CLI prints: `file:line:col: message`. Names in it come from outside
   * (paths, URLs, contract text), so line breaks and other control characters are escaped: the
   * error stays one line.
   */
  format(): string {
    if (!this.location) return oneLine(this.message);
    const { file, line, column } = this.location;
    return oneLine(`${file}:${line}:${column}: ${this.message}`);
  }
}

export function isGeneratorError(e: unknown): e is GeneratorError {
  return e instanceof GeneratorError;
}

/** `text` with control characters and Unicode line separators escaped (`\n`, `\u2028`), so it prints as one line. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
