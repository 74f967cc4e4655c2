// A first build's stages, timed inside one fresh process, to show where its time goes: what
// precedes formatting (start-up, reading the contract into the model, loading ts-morph and
// printing) and prettier's formatting. The same calls `wsdl-tsgen generate` makes, without
// writing the files. argv: <dist/generator folder> <wsdl>. Prints milliseconds since the
// process started at the end of each stage, as JSON.
import { pathToFileURL } from 'node:url';

const [generatorDir, wsdl] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(`${generatorDir}/${file}`).href);
const started = performance.now(); // node's own start-up, before this line

const { loadModel } = await load('load-model.js');
const { pickBinding } = await load('generate.js');
const { assignPackageNames } = await load('names.js');
const model = await loadModel(wsdl);
const read = performance.now();

const { emitServicesPackage } = await load('emit/package.js'); // loads ts-morph
const binding = pickBinding(model, undefined);
const names = assignPackageNames(model, [binding]);
const files = emitServicesPackage(model, [{ binding, names: names[0] }], { packageName: 'services86-user', sourceName: 'User.wsdl' });
const printed = performance.now();

const { formatFiles } = await load('write.js');
await formatFiles(files); // loads prettier
const end = performance.now();
process.stdout.write(JSON.stringify({ started, read, printed, end }));
