/**
 * The fields of a generated package.json that belong to the user (its name, version, license,
 * who publishes it and where), read from a config entry or from flags and checked by npm's own
 * rules, so that a package that generates is a package npm will publish.
 */
import semver from 'semver';
import validateLicense from 'validate-npm-package-license';
import validateName from 'validate-npm-package-name';
import { GeneratorError, type GeneratorErrorCode } from './errors.ts';
import type { SourceLocation } from './model.ts';

/** `publishConfig` of the generated package.json: the `npm publish` settings npm reads from it. */
export interface PublishConfig {
  /** The registry `npm publish` sends the package to (an http or https URL). */
  readonly registry?: string;
  /** `public` or `restricted`: who may install a scoped package. */
  readonly access?: 'public' | 'restricted';
  /** The dist-tag a publish sets (npm's default: `latest`). */
  readonly tag?: string;
  /** Publish with a provenance statement (from a supported CI). */
  readonly provenance?: boolean;
}

/** A person as package.json names one: `"Name <email> (url)"` or an object. */
export type PackagePerson = string | { readonly name: string; readonly email?: string; readonly url?: string };

/** Where the package's source lives: `"github:owner/repo"`, a URL, or an object. */
export type PackageRepository = string | { readonly type: string; readonly url: string; readonly directory?: string };

/** The user's fields of a generated package.json; what is not given is left out (version: 0.1.0). */
export interface PackageMetadata {
  /** A semver version, `1.2.0` or `2.0.0-beta.1` (default 0.1.0). */
  readonly version?: string;
  /** The package's one-line description (default: says which service it is a client for). */
  readonly description?: string;
  /** An SPDX license expression (`MIT`, `(MIT OR Apache-2.0)`), `UNLICENSED`, or `SEE LICENSE IN <file>`. */
  readonly license?: string;
  readonly author?: PackagePerson;
  readonly repository?: PackageRepository;
  /** true: npm refuses to publish the package. */
  readonly private?: boolean;
  readonly publishConfig?: PublishConfig;
}

/** The metadata keys of a config entry, in the order the generated package.json has them. */
export const METADATA_KEYS = ['version', 'description', 'license', 'author', 'repository', 'private', 'publishConfig'] as const;

export const DEFAULT_VERSION = '0.1.0';

/**
 * Where values come from, for the one-line error: `name(key)` says how the user wrote the key
 * (`packages[0].version` in a config file, `--package-version` on the command line).
 */
export interface ValueSource {
  readonly name: (key: string) => string;
  readonly code: GeneratorErrorCode;
  readonly location?: SourceLocation | undefined;
}

/** The metadata among `values` (a config entry, or flags by their config keys), checked. */
export function readPackageMetadata(values: Readonly<Record<string, unknown>>, source: ValueSource): PackageMetadata {
  const fail = (key: string, message: string): never => {
    throw new GeneratorError(source.code, `${source.name(key)} ${message}`, source.location);
  };
  const text = (key: string, value: unknown): string => {
    if (typeof value !== 'string' || value.trim() === '') fail(key, 'must be a non-empty string');
    if (/[\u0000-\u001f\u007f]/.test(value as string)) fail(key, 'must be one line of text (no control characters)');
    return value as string;
  };
  const object = (key: string, value: unknown, allowed: readonly string[]): Readonly<Record<string, unknown>> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(key, 'must be a string or an object');
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).find((k) => !allowed.includes(k));
    if (unknown !== undefined) fail(key, `has an unknown key "${unknown}" (known: ${allowed.join(', ')})`);
    return record;
  };
  const out: Record<string, unknown> = {};
  const { version, description, license, author, repository, publishConfig } = values;
  if (version !== undefined) out['version'] = checkVersion(text('version', version), (m) => fail('version', m));
  if (description !== undefined) out['description'] = text('description', description);
  if (license !== undefined) out['license'] = checkLicense(text('license', license), (m) => fail('license', m));
  if (author !== undefined) {
    if (typeof author === 'string') out['author'] = text('author', author);
    else {
      const person = object('author', author, ['name', 'email', 'url']);
      out['author'] = {
        name: text('author.name', person['name']),
        ...(person['email'] !== undefined ? { email: text('author.email', person['email']) } : {}),
        ...(person['url'] !== undefined ? { url: text('author.url', person['url']) } : {}),
      };
    }
  }
  if (repository !== undefined) {
    if (typeof repository === 'string') out['repository'] = text('repository', repository);
    else {
      const repo = object('repository', repository, ['type', 'url', 'directory']);
      out['repository'] = {
        type: text('repository.type', repo['type']),
        url: text('repository.url', repo['url']),
        ...(repo['directory'] !== undefined ? { directory: text('repository.directory', repo['directory']) } : {}),
      };
    }
  }
  if (values['private'] !== undefined) {
    if (typeof values['private'] !== 'boolean') fail('private', 'must be true or false');
    out['private'] = values['private'];
  }
  if (publishConfig !== undefined) {
    if (typeof publishConfig !== 'object' || publishConfig === null || Array.isArray(publishConfig)) fail('publishConfig', 'must be an object');
    const config = object('publishConfig', publishConfig, ['registry', 'access', 'tag', 'provenance']);
    const checked: Record<string, unknown> = {};
    if (config['registry'] !== undefined) {
      const registry = text('publishConfig.registry', config['registry']);
      if (!/^https?:\/\/[^\s/]+/.test(registry)) fail('publishConfig.registry', `must be an http or https URL, not "${registry}"`);
      checked['registry'] = registry;
    }
    if (config['access'] !== undefined) {
      if (config['access'] !== 'public' && config['access'] !== 'restricted') fail('publishConfig.access', `must be "public" or "restricted", not ${JSON.stringify(config['access'])}`);
      checked['access'] = config['access'];
    }
    if (config['tag'] !== undefined) {
      const tag = text('publishConfig.tag', config['tag']);
      // npm refuses a tag that reads as a version range: `npm install pkg@1.x` could not tell them apart.
      if (/\s/.test(tag) || semver.validRange(tag) !== null) fail('publishConfig.tag', `"${tag}" cannot be a dist-tag: npm reads it as a version range`);
      checked['tag'] = tag;
    }
    if (config['provenance'] !== undefined) {
      if (typeof config['provenance'] !== 'boolean') fail('publishConfig.provenance', 'must be true or false');
      checked['provenance'] = config['provenance'];
    }
    out['publishConfig'] = checked;
  }
  return out as PackageMetadata;
}

/** The version as it is, when npm would publish it as written. */
function checkVersion(version: string, fail: (message: string) => never): string {
  const clean = semver.valid(version);
  if (clean === null) return fail(`"${version}" is not a semver version (such as 1.2.0 or 2.0.0-beta.1)`);
  // semver also reads "v1.2.0" and " 1.2.0"; npm would publish them as 1.2.0.
  if (!/^[0-9]/.test(version) || version.trim() !== version) return fail(`"${version}" is not a plain semver version: write ${clean}`);
  return version;
}

function checkLicense(license: string, fail: (message: string) => never): string {
  const result = validateLicense(license);
  if (result.validForNewPackages) return license;
  const similar = result.warnings?.map((w) => /similar to the valid expression "(.*)"/.exec(w)?.[1]).find((s) => s !== undefined);
  return fail(
    `"${license}" is not an SPDX license expression (such as MIT or Apache-2.0), UNLICENSED, or SEE LICENSE IN <file>${similar ? ` (did you mean "${similar}"?)` : ''}`,
  );
}

/** The package name, when npm accepts it for a new package; `defaulted` says it was taken from the folder name. */
export function checkPackageName(name: string, source: ValueSource, defaulted = false): string {
  const result = validateName(name);
  if (result.validForNewPackages) return name;
  const reason = result.errors?.[0] ?? result.warnings?.[0] ?? 'npm refuses it';
  const what = defaulted
    ? `the package name "${name}" (the name of the output folder; set ${source.name('packageName')})`
    : `${source.name('packageName')} "${name}"`;
  throw new GeneratorError(source.code, `${what} is not a valid npm package name: ${reason}`, source.location);
}
