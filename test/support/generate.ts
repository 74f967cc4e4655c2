/** Generating a package in memory, as `wsdl-tsgen generate` does, for tests. */
import { emitPackage, type EmittedFile } from '../../generator/emit/package.ts';
import { sourceNameOf } from '../../generator/emit/source-name.ts';
import { pickBinding } from '../../generator/generate.ts';
import { loadModel } from '../../generator/load-model.ts';
import { assignNames } from '../../generator/names.ts';
import { formatFiles } from '../../generator/write.ts';

/** `binding`: the binding to generate for (the option --binding), by default the first SOAP binding. */
export async function generateInMemory(wsdl: string, packageName: string, binding?: string): Promise<EmittedFile[]> {
  const model = await loadModel(wsdl);
  const picked = pickBinding(model, binding);
  return formatFiles(emitPackage(model, picked, assignNames(model, picked), { packageName, sourceName: sourceNameOf([wsdl]) }));
}
