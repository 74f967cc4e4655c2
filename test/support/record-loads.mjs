// Preloaded with --import: records every module the process loads, in the file named by
// $RECORD_LOADS (ES modules through a load hook, CommonJS modules from require's cache at exit).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.RECORD_LOADS;
if (file) {
  register('./record-loads-hooks.mjs', import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(file, Object.keys(cache).join('\n') + '\n'));
}
