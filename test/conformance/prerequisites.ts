/**
 * What the conformance tests need beyond `npm ci`, in one list: each entry names the
 * prerequisite, says how to install it (the Debian packages that provide it, when there are
 * any), and checks that it is there. A later conformance suite adds its entry here and calls
 * `requirePrerequisites` with its name at the top of its file.
 *
 * `npm run test:conformance` checks the whole list before running any test (check.ts) and
 * fails with one line per missing prerequisite; a conformance file run alone fails with the
 * same lines for what it needs. A missing prerequisite is a failure, never a skip. `.ci/run`
 * asks check.ts for the Debian packages of the missing ones and installs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sharedPath } from '../support/shared.ts';

/** The Debian python, where the Debian package python3-zeep installs zeep. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface Prerequisite {
  /** What is needed, as the user would look for it. */
  readonly name: string;
  /** The Debian packages that provide it; empty when it is not a package. */
  readonly debian: readonly string[];
  /** How to get it, when `debian` is empty. */
  readonly install?: string;
  readonly present: () => boolean;
}

const runs = (command: string, args: readonly string[]): boolean => {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  return r.error === undefined && r.status === 0;
};

const SHARED_HINT = 'the third-party reference data, in the folder `shared` beside the repository (see README, Tests)';

export const PREREQUISITES = {
  zeep: {
    name: `python3 module zeep (for ${SYSTEM_PYTHON})`,
    debian: ['python3-zeep'],
    present: () => runs(SYSTEM_PYTHON, ['-c', 'import zeep, lxml']),
  },
  xmllint: {
    name: 'xmllint (libxml2 command-line tool)',
    debian: ['libxml2-utils'],
    present: () => runs('xmllint', ['--version']),
  },
  mono: {
    name: 'mono, mcs and svcutil (Mono with WCF)',
    debian: ['mono-devel'],
    present: () => ['mono', 'mcs', 'svcutil'].every((tool) => runs('sh', ['-c', `command -v ${tool}`])),
  },
  chromium: {
    name: '/usr/bin/chromium',
    debian: ['chromium'],
    present: () => existsSync('/usr/bin/chromium'),
  },
  php: {
    name: 'php with its SOAP extension (SoapServer, SoapClient)',
    debian: ['php-cli', 'php-soap'],
    present: () => runs('php', ['-r', 'exit(class_exists("SoapServer") && class_exists("SoapClient") ? 0 : 1);']),
  },
  corpus: {
    name: '../shared/corpus/node-soap',
    debian: [],
    install: SHARED_HINT,
    present: () => existsSync(sharedPath('corpus/node-soap/SOURCE.md')),
  },
  reference: {
    name: '../shared/reference',
    debian: [],
    install: SHARED_HINT,
    present: () =>
      ['superoffice/Services86/User.wsdl', 'superoffice/Services86/SoPrincipal.wsdl', 'seed/SaveServiceAuth.md'].every((f) =>
        existsSync(sharedPath(`reference/${f}`)),
      ),
  },
} satisfies Record<string, Prerequisite>;

export type PrerequisiteName = keyof typeof PREREQUISITES;

const ALL = Object.keys(PREREQUISITES) as PrerequisiteName[];

/** The missing prerequisites among `names` (all by default). */
export function missingPrerequisites(names: readonly PrerequisiteName[] = ALL): Prerequisite[] {
  return names.map((n): Prerequisite => PREREQUISITES[n]).filter((p) => !p.present());
}

/** `missing: what — how to install it`. */
export function missingLine(p: Prerequisite): string {
  const how = p.debian.length > 0 ? `apt-get install ${p.debian.join(' ')}` : p.install;
  return `missing: ${p.name} — ${how}`;
}

/**
 * Ends the file that calls it (a failure of that file, exit code 1) with one line per missing
 * one of `names`, and no stack trace: the lines are all the user needs.
 */
export function requirePrerequisites(...names: PrerequisiteName[]): void {
  const missing = missingPrerequisites(names);
  if (missing.length === 0) return;
  for (const p of missing) process.stderr.write(`${missingLine(p)}\n`);
  process.exit(1);
}
