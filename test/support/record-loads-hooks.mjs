// The load hook of record-loads.mjs (it runs on the loader's own thread).
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  appendFileSync(process.env.RECORD_LOADS, `${url}\n`);
  return next(url, context);
}
