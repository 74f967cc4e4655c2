/**
 * The part of saxes' API the runtime uses, declared for the generated package's own strict
 * compile. saxes 6.0.0's bundled declarations do not compile under `exactOptionalPropertyTypes`
 * with `skipLibCheck: false`, so the package's tsconfig maps the module name `saxes` here for
 * type checking only; at run time `import 'saxes'` loads saxes itself.
 */

/** A start tag as saxes reports it without namespace processing (`xmlns: false`). */
export interface SaxesTag {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly isSelfClosing: boolean;
}

export interface SaxesAttribute {
  readonly name: string;
  readonly value: string;
}

export interface SaxesProcessingInstruction {
  readonly target: string;
  readonly body: string;
}

export interface SaxesOptions {
  readonly xmlns?: boolean;
  readonly position?: boolean;
  readonly fragment?: boolean;
  readonly fileName?: string;
  readonly defaultXMLVersion?: '1.0' | '1.1';
  readonly forceXMLVersion?: boolean;
}

export declare class SaxesParser {
  constructor(options?: SaxesOptions);
  readonly line: number;
  readonly column: number;
  on(event: 'opentag', handler: (tag: SaxesTag) => void): void;
  on(event: 'closetag', handler: (tag: SaxesTag) => void): void;
  on(event: 'attribute', handler: (attribute: SaxesAttribute) => void): void;
  on(event: 'text' | 'cdata' | 'doctype' | 'comment', handler: (text: string) => void): void;
  on(event: 'processinginstruction', handler: (pi: SaxesProcessingInstruction) => void): void;
  on(event: 'error', handler: (error: Error) => void): void;
  on(event: 'end' | 'ready', handler: () => void): void;
  off(event: string): void;
  write(chunk: string | object | null): this;
  close(): this;
}
