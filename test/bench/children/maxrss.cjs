// Preloaded into measured child processes (node --require): at exit, writes the process's peak
// resident set size in KiB to the file named by BENCH_MAXRSS_FILE.
'use strict';
const { writeFileSync } = require('node:fs');
const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  delete process.env.BENCH_MAXRSS_FILE;
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
