import { readFile } from 'node:fs/promises';
import { GeneratorError } from '../errors.ts';
import type { SourceLocation } from '../model.ts';

/** How long one URL may take to answer, by default. */
export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/**
 * Reads one contract document, from disk or over http(s). `importedAt` is the import that
 * named it (absent for the root): errors point there, since that is what the user must fix.
 */
export async function readSource(
  uri: string,
  file: string,
  importedAt: SourceLocation | undefined,
  timeoutMs: number,
): Promise<string> {
  if (isUrl(uri)) return fetchText(uri, importedAt, timeoutMs);
  try {
    return await readFile(uri, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? String(e));
    throw new GeneratorError('FILE_NOT_FOUND', `cannot read ${file}: ${why}`, importedAt, { cause: e });
  }
}

async function fetchText(url: string, importedAt: SourceLocation | undefined, timeoutMs: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (e) {
    if (signal.aborted) {
      throw new GeneratorError('FETCH_TIMEOUT', `${url} did not answer within ${timeoutMs} ms`, importedAt, { cause: e });
    }
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? String(e);
    throw new GeneratorError('FETCH_FAILED', `cannot fetch ${url}: ${why}`, importedAt, { cause: e });
  }
  try {
    const text = await response.text();
    if (!response.ok) {
      throw new GeneratorError('FETCH_FAILED', `cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim(), importedAt);
    }
    return text;
  } catch (e) {
    if (e instanceof GeneratorError) throw e;
    if (signal.aborted) {
      throw new GeneratorError('FETCH_TIMEOUT', `${url} did not answer within ${timeoutMs} ms`, importedAt, { cause: e });
    }
    throw new GeneratorError('FETCH_FAILED', `cannot fetch ${url}: ${String(e)}`, importedAt, { cause: e });
  }
}
