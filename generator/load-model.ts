import { buildModel } from './build-model.ts';
import { loadContract, type LoadOptions } from './load/load.ts';
import type { Model } from './model.ts';
import { parseContract } from './parse/wsdl.ts';

/** load -> parse -> build-model: a contract file or URL to its resolved intermediate model. */
export async function loadModel(source: string, options: LoadOptions = {}): Promise<Model> {
  const loaded = await loadContract(source, options);
  return buildModel(parseContract(loaded.documents), source);
}
