// Peak heap of parsing a GetUserInfoListResponse of N records. Run with --expose-gc --trace-gc:
// V8 prints every collection with the heap size before it; the parent takes the largest between
// the BENCH-BASE and BENCH-END lines (and the size at the end) as the peak.
// argv: <package index.js> <make-envelope.cjs> <records>
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [pkgIndex, envelopeModule, records] = process.argv.slice(2);
const { parseGetUserInfoListResponse } = await import(pathToFileURL(pkgIndex).href);
const { envelope } = createRequire(import.meta.url)(envelopeModule);
globalThis.gc();
const empty = process.memoryUsage().heapUsed;
let xml = envelope(Number(records));
xml.indexOf('\u0000'); // flattens the concatenated string, as a string read from a socket is
const bytes = Buffer.byteLength(xml);
globalThis.gc();
const withDocument = process.memoryUsage().heapUsed;
process.stdout.write(`BENCH-BASE ${JSON.stringify({ empty, withDocument, bytes, chars: xml.length })}\n`);
const parsed = parseGetUserInfoListResponse(xml, { limits: { maxBytes: 2 ** 31, maxElements: 2 ** 31 } });
const atEnd = process.memoryUsage().heapUsed;
const count = parsed.body.Response.length;
process.stdout.write(`BENCH-END ${JSON.stringify({ atEnd, count })}\n`);
