import { buildModel } from './build-model/index.ts';
import { GeneratorError } from './errors.ts';
import { WarningList } from './lenient.ts';
import { loadContract, type LoadOptions } from './load/load.ts';
import type { Model } from './model.ts';
import { parseContract } from './parse/wsdl.ts';

/** load -> parse -> build-model: a contract file or URL to its resolved intermediate model. */
export async function loadModel(source: string, options: LoadOptions = {}): Promise<Model> {
  return (await loadModelWithSources(source, options)).model;
}

/** A contract's model, and every document it was built from. */
export interface LoadedModel {
  readonly model: Model;
  /** Absolute paths or URLs, for watch mode. */
  readonly sources: readonly string[];
  /** The same documents with the sha256 of their text as read, for the output cache. */
  readonly documents: readonly { readonly uri: string; readonly digest: string }[];
}

/** The model and every document it was built from. */
export async function loadModelWithSources(source: string, options: LoadOptions = {}): Promise<LoadedModel> {
  try {
    return await read(source, options);
  } catch (e) {
    throw options.lenient ? e : await withLenientHint(e, source, options);
  }
}

/**
 * A strict-reading error that lenient reading would repair says so: the contract is read again
 * leniently (only on this error path), and when that succeeds the error names --lenient.
 * Errors about reaching the contract or its size are not retried: lenient reading cannot help.
 */
async function withLenientHint(e: unknown, source: string, options: LoadOptions): Promise<unknown> {
  if (!(e instanceof GeneratorError) || /--lenient/.test(e.message)) return e;
  // Lenient reading repairs no XML but undeclared prefixes (whose error already names --lenient),
  // and no circular derivation.
  if (['FETCH_TIMEOUT', 'CONTRACT_TOO_LARGE', 'LIMIT_EXCEEDED', 'USAGE', 'XML_MALFORMED', 'CIRCULAR_DERIVATION'].includes(e.code)) return e;
  if ((e.code === 'FILE_NOT_FOUND' || e.code === 'FETCH_FAILED') && e.location === undefined) return e;
  try {
    await read(source, { ...options, lenient: true });
  } catch {
    return e;
  }
  return new GeneratorError(e.code, `${e.message} (--lenient reads the contract anyway, repairing this with a warning)`, e.location, { cause: e });
}

async function read(source: string, options: LoadOptions): Promise<LoadedModel> {
  // Lenient reading reports each repair; the warnings travel with the model.
  const warnings = options.lenient ? new WarningList() : undefined;
  const loaded = await loadContract(source, options, warnings);
  const model = buildModel(parseContract(loaded.documents), source, warnings);
  const sources = loaded.documents.map((d) => d.uri);
  const documents = loaded.documents.map((d) => ({ uri: d.uri, digest: d.digest }));
  return { model: warnings && warnings.lines.length > 0 ? { ...model, warnings: warnings.lines } : model, sources, documents };
}
