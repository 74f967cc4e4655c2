import { buildModel } from './build-model.ts';
import { WarningList } from './lenient.ts';
import { loadContract, type LoadOptions } from './load/load.ts';
import type { Model } from './model.ts';
import { parseContract } from './parse/wsdl.ts';

/** load -> parse -> build-model: a contract file or URL to its resolved intermediate model. */
export async function loadModel(source: string, options: LoadOptions = {}): Promise<Model> {
  return (await loadModelWithSources(source, options)).model;
}

/** The model and every document it was built from (absolute paths or URLs), for watch mode. */
export async function loadModelWithSources(
  source: string,
  options: LoadOptions = {},
): Promise<{ readonly model: Model; readonly sources: readonly string[] }> {
  // Lenient reading reports each repair; the warnings travel with the model.
  const warnings = options.lenient ? new WarningList() : undefined;
  const loaded = await loadContract(source, options, warnings);
  const model = buildModel(parseContract(loaded.documents), source, warnings);
  const sources = loaded.documents.map((d) => d.uri);
  return { model: warnings && warnings.lines.length > 0 ? { ...model, warnings: warnings.lines } : model, sources };
}
