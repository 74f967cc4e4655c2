/**
 * The first step of `npm run test:conformance`: every prerequisite in prerequisites.ts is
 * checked, and each missing one is printed on a line of its own before the command fails.
 * With `--debian-packages` it prints instead the Debian packages that provide the missing
 * ones, space-separated, and succeeds (`.ci/run` installs them).
 */
import { missingLine, missingPrerequisites } from './prerequisites.ts';

const missing = missingPrerequisites();
if (process.argv.includes('--debian-packages')) {
  process.stdout.write(`${missing.flatMap((p) => p.debian).join(' ')}\n`);
} else if (missing.length > 0) {
  for (const p of missing) process.stderr.write(`${missingLine(p)}\n`);
  process.stderr.write(`test:conformance: ${missing.length} prerequisite${missing.length === 1 ? '' : 's'} missing; no conformance test was run\n`);
  process.exitCode = 1;
}
