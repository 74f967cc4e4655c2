// Cold start baseline: a fresh node process that does nothing (node's own start-up).
'use strict';
const start = performance.now();
process.stdout.write(JSON.stringify({ start, end: performance.now(), bytes: 0 }));
