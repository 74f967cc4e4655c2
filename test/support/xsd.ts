/**
 * XML Schema validation with libxml2, as `xmllint --schema` does it: the documents are judged
 * against a wrapper schema that imports the contract's XSD files. `validateWithLibxml2` runs
 * libxml2's xmllint compiled to WebAssembly (the npm package xmllint-wasm), so it needs
 * nothing but `npm ci`; test/conformance/xmllint.test.ts checks that the Debian xmllint gives
 * the same verdicts on the same documents.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML, memoryPages } from 'xmllint-wasm';

export interface SchemaFile {
  readonly namespace: string;
  /** The file's path in the repository; the wrapper refers to it by its base name. */
  readonly file: string;
}

export interface XmlDocument {
  /** A file name ending in `.xml`, unique among the documents of one run. */
  readonly name: string;
  readonly xml: string;
}

export interface Verdict {
  readonly valid: boolean;
  /** xmllint's messages for the document, each as `line: message` (its name taken off). */
  readonly errors: readonly string[];
}

export const WRAPPER_NAME = 'contract.xsd';

/** A schema that imports every schema file by its base name (so they must sit beside it). */
export function wrapperSchema(schemas: readonly SchemaFile[]): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n' +
    schemas.map((s) => `  <xs:import namespace="${s.namespace}" schemaLocation="${path.basename(s.file)}"/>\n`).join('') +
    '</xs:schema>\n'
  );
}

/**
 * The verdict on each of `names` in xmllint's report (its stderr, or xmllint-wasm's
 * rawOutput): `name validates`, or messages `name:line: ...` and then `name fails to validate`.
 * A document the report says nothing about has no verdict.
 */
export function parseXmllintReport(report: string, names: readonly string[]): Map<string, Verdict> {
  const errors = new Map<string, string[]>(names.map((n) => [n, []]));
  const verdicts = new Map<string, Verdict>();
  for (const line of report.split('\n')) {
    const m = /^(.*?\.xml)(?::\d+:| validates$| fails to validate$)/.exec(line);
    const own = m === null ? undefined : errors.get(m[1]!);
    if (own === undefined) continue;
    const name = m![1]!;
    if (line.endsWith(' validates')) verdicts.set(name, { valid: true, errors: own });
    else if (line.endsWith(' fails to validate')) verdicts.set(name, { valid: false, errors: own });
    else own.push(line.slice(name.length + 1));
  }
  return verdicts;
}

/** Validates every document in one libxml2 run (the schema is compiled once). */
export async function validateWithLibxml2(schemas: readonly SchemaFile[], documents: readonly XmlDocument[]): Promise<Map<string, Verdict>> {
  const result = await validateXML({
    xml: documents.map((d) => ({ fileName: d.name, contents: d.xml })),
    schema: { fileName: WRAPPER_NAME, contents: wrapperSchema(schemas) },
    preload: schemas.map((s) => ({ fileName: path.basename(s.file), contents: readFileSync(s.file, 'utf8') })),
    maxMemoryPages: memoryPages.GiB,
  });
  return parseXmllintReport(result.rawOutput, documents.map((d) => d.name));
}
