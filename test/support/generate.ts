/** Generating a package in memory, as `wsdl-tsgen generate` does, for tests. */
import { emitPackage, type EmittedFile } from '../../generator/emit/package.ts';
import { pickBinding } from '../../generator/generate.ts';
import { loadModel } from '../../generator/load-model.ts';
import { assignNames } from '../../generator/names.ts';
import { formatFiles } from '../../generator/write.ts';

export async function generateInMemory(wsdl: string, packageName: string): Promise<EmittedFile[]> {
  const model = await loadModel(wsdl);
  const binding = pickBinding(model, undefined);
  return formatFiles(emitPackage(model, binding, assignNames(model, binding), { packageName, sourceName: wsdl }));
}
