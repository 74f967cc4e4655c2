// A first build's stages, timed inside one fresh process, to show where its time goes: node's own
// start-up, loading the generator's modules, reading the contract into the model, loading
// ts-morph, printing the files, loading prettier and formatting. The same calls
// `wsdl-tsgen generate` makes, one after another, without writing the files.
// argv: <dist/generator folder> <wsdl>. Prints milliseconds since the process started at the end
// of each stage, as JSON.
import { pathToFileURL } from 'node:url';

const [generatorDir, wsdl] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(`${generatorDir}/${file}`).href);
const started = performance.now(); // node's own start-up, before this line

const { loadModel } = await load('load-model.js');
const { pickBinding } = await load('generate.js');
const { assignPackageNames } = await load('names.js');
const { formatFiles } = await load('write.js');
const modules = performance.now();

const model = await loadModel(wsdl);
const modelBuilt = performance.now();

const { emitServicesPackage } = await load('emit/package.js'); // loads ts-morph
const tsMorph = performance.now();

const binding = pickBinding(model, undefined);
const names = assignPackageNames(model, [binding]);
const files = emitServicesPackage(model, [{ binding, names: names[0] }], { packageName: 'services86-user', sourceName: 'User.wsdl' });
const printed = performance.now();

await import('prettier');
const prettier = performance.now();

await formatFiles(files);
const formatted = performance.now();
process.stdout.write(JSON.stringify({ started, modules, model: modelBuilt, tsMorph, printed, prettier, formatted }));
