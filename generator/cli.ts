#!/usr/bin/env node
/**
 * The command line: arguments, output and exit codes; the work is done by the stages.
 * Exit codes: 0 success, 1 bad input (one line `wsdl-tsgen: file:line:col: message` on stderr),
 * 2 bad usage, 1 with --check when the output is not current.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CACHE_DIR } from './cache.ts';
import { isGeneratorError, oneLine } from './errors.ts';
import { DEFAULT_MAX_CONTRACT_BYTES } from './load/read-source.ts';
import { nearest } from './nearest.ts';

const HELP = `wsdl-tsgen: typed TypeScript SOAP clients from WSDL contracts

Usage:
  wsdl-tsgen model --wsdl <file|url> [--timeout <ms>] [--max-contract-bytes <n>] [--lenient]
      Print the resolved intermediate model of a contract as JSON.

  wsdl-tsgen generate [--config <file>] [--check | --watch] [--force]
      Regenerate every package listed in the config file (default: wsdl-tsgen.config.json).

  wsdl-tsgen generate --wsdl <file|url> --out <dir> [--package-name <name>] [--binding <name>]
                      [package.json fields] [--check | --watch] [--force]
      Generate one package from one contract.

Options:
  --wsdl <file|url>       The contract: a WSDL file path or an http(s) URL. Imports are followed.
  --out <dir>             The folder of the generated package: new, empty, or written by wsdl-tsgen before
                          (its .wsdl-tsgen-manifest.json lists the files it may replace or remove).
  --package-name <name>   The npm name of the generated package (default: the folder name).
  --binding <name>        The binding to generate from (default: the first SOAP binding).
  --config <file>         The config file listing packages to generate (generate without --wsdl).

package.json fields of the generated package (with --wsdl; in the config, each package's keys
version, description, license, author, repository, private, publishConfig):
  --package-version <semver>      Its version (default 0.1.0).
  --description <text>            Its description (default: names the service).
  --license <spdx>                An SPDX expression (MIT, Apache-2.0, ...), UNLICENSED or "SEE LICENSE IN <file>".
  --author <person>               "Name <email> (url)".
  --repository <url>              Where its source lives ("github:owner/repo" or a URL).
  --private                       Mark it private: npm refuses to publish it.
  --publish-registry <url>        publishConfig.registry: the registry npm publish sends it to.
  --publish-access <access>       publishConfig.access: public or restricted.
  --publish-tag <tag>             publishConfig.tag: the dist-tag npm publish sets.

Other options:
  --check                 Write nothing; exit 1 and name the stale files when the output is not current.
  --force                 Write into a folder that has files but no manifest, and over files in the way
                          (files wsdl-tsgen did not write, or changed since). Never removes a file the
                          manifest does not list.
  --watch                 Generate, then regenerate whenever a contract file changes (Ctrl-C stops).
  --cache-dir <dir>       Where generated files are kept for runs whose inputs have not changed
                          (default: node_modules/.cache/wsdl-tsgen when the working folder has
                          a node_modules folder; otherwise no cache).
  --no-cache              Neither read nor write the cache.
  --timeout <ms>          How long one URL may take to answer and send its document (default 10000).
  --max-contract-bytes <n>
                          The largest contract document read, in bytes (default ${DEFAULT_MAX_CONTRACT_BYTES}, 64 MiB).
  --lenient               Read contracts with mistakes other SOAP stacks accept (undeclared prefixes,
                          names that resolve to nothing, operations missing from the portType, ...),
                          repairing each with a warning; what cannot be typed becomes raw XML.
  -h, --help              Show this help.

Exit codes: 0 success; 1 bad input or stale output (--check); 2 bad usage.
`;

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        wsdl: { type: 'string' },
        out: { type: 'string' },
        'package-name': { type: 'string' },
        'package-version': { type: 'string' },
        description: { type: 'string' },
        license: { type: 'string' },
        author: { type: 'string' },
        repository: { type: 'string' },
        private: { type: 'boolean' },
        'publish-registry': { type: 'string' },
        'publish-access': { type: 'string' },
        'publish-tag': { type: 'string' },
        binding: { type: 'string' },
        config: { type: 'string' },
        check: { type: 'boolean' },
        watch: { type: 'boolean' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        timeout: { type: 'string' },
        lenient: { type: 'boolean' },
        force: { type: 'boolean' },
        'max-contract-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(argumentError(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (command === undefined) return usage('a command is required (model or generate)');
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}"`);
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) return usage(`--timeout must be a positive whole number of milliseconds, not "${values.timeout}"`);
  }
  // The generated package.json's fields, under their config keys (checked with the config's rules).
  const publishConfig = {
    ...(values['publish-registry'] !== undefined ? { registry: values['publish-registry'] } : {}),
    ...(values['publish-access'] !== undefined ? { access: values['publish-access'] } : {}),
    ...(values['publish-tag'] !== undefined ? { tag: values['publish-tag'] } : {}),
  };
  const metadata = {
    ...(values['package-version'] !== undefined ? { version: values['package-version'] } : {}),
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(values.license !== undefined ? { license: values.license } : {}),
    ...(values.author !== undefined ? { author: values.author } : {}),
    ...(values.repository !== undefined ? { repository: values.repository } : {}),
    ...(values.private !== undefined ? { private: values.private } : {}),
    ...(Object.keys(publishConfig).length > 0 ? { publishConfig } : {}),
  };
  const metadataFlags = Object.keys(metadata).length > 0;
  let maxBytes: number | undefined;
  if (values['max-contract-bytes'] !== undefined) {
    maxBytes = Number(values['max-contract-bytes']);
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
      return usage(`--max-contract-bytes must be a positive whole number of bytes, not "${values['max-contract-bytes']}"`);
    }
  }
  const loadOptions = {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(values.lenient ? { lenient: true } : {}),
  };
  const warn = (line: string) => process.stderr.write(`wsdl-tsgen: ${oneLine(line)}\n`);

  switch (command) {
    case 'model': {
      if (values.wsdl === undefined) return usage('model needs --wsdl <file|url>');
      for (const flag of ['out', 'package-name', 'config', 'check', 'binding', 'watch', 'cache-dir', 'no-cache', 'force'] as const) {
        if (values[flag] !== undefined) return usage(`--${flag} does not apply to model`);
      }
      if (metadataFlags) return usage('package.json fields (--package-version, --license, ...) do not apply to model');
      const { loadModel } = await import('./load-model.ts');
      const model = await loadModel(values.wsdl, loadOptions);
      // As generate does: lenient reading reports what it repaired (the model also lists it).
      for (const w of model.warnings ?? []) warn(`warning: ${w}`);
      process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
      return 0;
    }
    case 'generate': {
      if (values.wsdl !== undefined && values.out === undefined) return usage('generate --wsdl needs --out <dir>');
      if (values.wsdl === undefined && (values.out !== undefined || values['package-name'] !== undefined || values.binding !== undefined || metadataFlags)) {
        return usage('--out, --package-name, --binding and the package.json fields go with --wsdl (in the config, each package has its own)');
      }
      if (values.wsdl !== undefined && values.config !== undefined) return usage('--config and --wsdl cannot be used together');
      if (values.watch && values.check) return usage('--watch and --check cannot be used together');
      if (values.force && values.check) return usage('--force and --check cannot be used together (--check writes nothing)');
      if (values['no-cache'] && values['cache-dir'] !== undefined) return usage('--cache-dir and --no-cache cannot be used together');
      const request = {
        ...(values.wsdl !== undefined ? { wsdl: values.wsdl, out: values.out! } : {}),
        ...(values['package-name'] !== undefined ? { packageName: values['package-name'] } : {}),
        ...(values.binding !== undefined ? { binding: values.binding } : {}),
        ...(metadataFlags ? { metadata } : {}),
        ...(values.config !== undefined ? { config: values.config } : {}),
        check: values.check === true,
        force: values.force === true,
        cache: values['no-cache'] ? (false as const) : (values['cache-dir'] ?? defaultCacheDir()),
        load: loadOptions,
        log: (line: string) => process.stdout.write(`${line}\n`),
        warn,
      };
      // Loaded on demand: the emitter (ts-morph, prettier) is not needed to print a model.
      if (values.watch) {
        const { watchGenerate } = await import('./watch.ts');
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        await watchGenerate(request, stop.signal);
        return 0;
      }
      const { runGenerate } = await import('./generate.ts');
      return (await runGenerate(request)).current ? 0 : 1;
    }
    default:
      return usage(`unknown command "${command}"`);
  }
}

/**
 * node_modules/.cache/wsdl-tsgen when the working folder has a node_modules folder (an npm
 * project); elsewhere no cache, rather than a node_modules folder made just for it.
 */
function defaultCacheDir(): string | false {
  return existsSync('node_modules') ? DEFAULT_CACHE_DIR : false;
}

function usage(message: string): number {
  process.stderr.write(`wsdl-tsgen: ${oneLine(message)}\nRun "wsdl-tsgen --help" for usage.\n`);
  return 2;
}

/** util.parseArgs's errors in the CLI's words; an unknown option with the nearest known one. */
function argumentError(e: unknown): string {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /^Unknown option '([^']*)'/.exec(message)?.[1] ?? /^Option '(-[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const suggestion = nearest(option, KNOWN_OPTIONS);
    return `unknown option ${option}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return /argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`;
  }
  return message;
}

const KNOWN_OPTIONS = [
  '--wsdl',
  '--out',
  '--package-name',
  '--binding',
  '--config',
  '--check',
  '--watch',
  '--force',
  '--cache-dir',
  '--no-cache',
  '--timeout',
  '--max-contract-bytes',
  '--lenient',
  '--help',
];

// A reader that stops early (`wsdl-tsgen model ... | head`) closes the pipe: that is the reader's
// choice, not an error, so the program ends quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (isGeneratorError(e)) {
      process.stderr.write(`wsdl-tsgen: ${e.format()}\n`);
      process.exitCode = e.code === 'USAGE' ? 2 : 1;
      return;
    }
    // Not a user mistake: a defect in the generator. Show everything needed to report it.
    if ((e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return;
    process.stderr.write(`wsdl-tsgen: internal error, please report it:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  },
);

