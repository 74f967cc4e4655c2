import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { GeneratorError } from '../errors.ts';
import type { SourceLocation } from '../model.ts';

/** How long one URL may take to answer and send its whole document, by default. */
export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;

/**
 * The largest contract document read, by default (--max-contract-bytes): far above real
 * contracts (the User contract's largest document is under 1 MB) and small enough that memory
 * stays bounded when a file or a URL is not what it should be.
 */
export const DEFAULT_MAX_CONTRACT_BYTES = 64 * 1024 * 1024;

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

export interface ReadLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/**
 * Reads one contract document, from disk or over http(s). `importedAt` is the import that
 * named it (absent for the root): errors point there, since that is what the user must fix.
 * Reading is bounded: a document over `maxBytes` is refused (and read no further), a file that
 * is not a regular file (a named pipe, a device) is refused without waiting on it, and a URL
 * must send its whole document within `timeoutMs`.
 */
export async function readSource(uri: string, file: string, importedAt: SourceLocation | undefined, limits: ReadLimits): Promise<string> {
  if (isUrl(uri)) return fetchText(uri, importedAt, limits);
  try {
    return await readRegularFile(uri, limits.maxBytes);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    if (e.tooLarge) throw tooLarge(file, importedAt, limits.maxBytes);
    throw new GeneratorError('FILE_NOT_FOUND', `cannot read ${file}: ${e.why}`, importedAt, e.cause === undefined ? undefined : { cause: e.cause });
  }
}

/** Why a local file could not be read, in words for the user's error line. */
export class UnreadableFile extends Error {
  constructor(
    readonly why: string,
    readonly tooLarge = false,
    cause?: unknown,
  ) {
    super(why, cause === undefined ? undefined : { cause });
  }
}

/**
 * Reads a local text file the user named (a contract, a config, a readme), bounded: a file that
 * is not a regular file (a named pipe, a device) is refused without waiting on it, and one over
 * `maxBytes` is refused without being read. Throws UnreadableFile.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    // Non-blocking: opening a named pipe for reading would otherwise wait for a writer forever.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    throw new UnreadableFile(why, false, e);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new UnreadableFile('is a folder');
    if (!stat.isFile()) {
      const kind = stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'not a regular file';
      throw new UnreadableFile(`is ${kind}, not a regular file`);
    }
    if (stat.size > maxBytes) throw new UnreadableFile(`is larger than ${maxBytes} bytes`, true);
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const { bytesRead } = await handle.read(buffer, read, stat.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.toString('utf8', 0, read);
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
    throw new UnreadableFile((e as NodeJS.ErrnoException).code ?? String(e), false, e);
  } finally {
    await handle.close();
  }
}

function tooLarge(file: string, importedAt: SourceLocation | undefined, maxBytes: number): GeneratorError {
  return new GeneratorError(
    'CONTRACT_TOO_LARGE',
    `${file} is larger than ${maxBytes} bytes, the limit for one contract document (--max-contract-bytes)`,
    importedAt,
  );
}

async function fetchText(url: string, importedAt: SourceLocation | undefined, limits: ReadLimits): Promise<string> {
  const { timeoutMs, maxBytes } = limits;
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = (e: unknown, what: string) =>
    new GeneratorError('FETCH_TIMEOUT', `${url} ${what} within ${timeoutMs} ms (--timeout)`, importedAt, { cause: e });
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (e) {
    if (signal.aborted) throw timedOut(e, 'did not answer');
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? String(e);
    throw new GeneratorError('FETCH_FAILED', `cannot fetch ${url}: ${why}`, importedAt, { cause: e });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new GeneratorError('FETCH_FAILED', `cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim(), importedAt);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, importedAt, maxBytes);
  }
  // Read piece by piece, so a body that never ends (or lies about its length) stops at the limit.
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge(url, importedAt, maxBytes);
        }
        chunks.push(value);
      }
    }
  } catch (e) {
    if (e instanceof GeneratorError) throw e;
    if (signal.aborted) throw timedOut(e, 'did not send its whole document');
    throw new GeneratorError('FETCH_FAILED', `cannot fetch ${url}: ${String(e)}`, importedAt, { cause: e });
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
