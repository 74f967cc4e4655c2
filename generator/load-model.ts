import { buildModel } from './build-model.ts';
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
  const loaded = await loadContract(source, options);
  return { model: buildModel(parseContract(loaded.documents), source), sources: loaded.documents.map((d) => d.uri) };
}
