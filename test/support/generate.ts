/** Generating a package in memory, as `wsdl-tsgen generate` does, for tests. */
import type { EmittedFile } from '../../generator/emit/emitted.ts';
import { emitPackage } from '../../generator/emit/package.ts';
import { sourceNameOf } from '../../generator/emit/source-name.ts';
import { pickBinding } from '../../generator/generate.ts';
import { loadModel } from '../../generator/load-model.ts';
import { assignNames } from '../../generator/names.ts';
import type { PackageMetadata } from '../../generator/package-metadata.ts';
import { formatFiles } from '../../generator/write.ts';

/**
 * `binding`: the binding to generate for (the option --binding), by default the first SOAP
 * binding; `metadata`: the package.json fields of a config entry.
 */
export async function generateInMemory(wsdl: string, packageName: string, binding?: string, metadata?: PackageMetadata): Promise<EmittedFile[]> {
  const model = await loadModel(wsdl);
  const picked = pickBinding(model, binding);
  return formatFiles(emitPackage(model, picked, assignNames(model, picked), { packageName, sourceName: sourceNameOf([wsdl]), ...(metadata ? { metadata } : {}) }));
}
