/**
 * How generated files name the contracts they were made from (the DO-NOT-EDIT banner, the
 * README). The name depends only on the contract, never on the folder the command ran in or
 * where the machine keeps its files: a file is named by its file name, a URL by its address
 * without user name, password, query or fragment (which may hold secrets). The name goes into
 * line comments, HTML comments and Markdown code, so every character that could end one of
 * those or start markup (line breaks, `*`, `<`, `>`, quotes, backticks, backslashes, `|`) is
 * percent-encoded, as in a URL.
 */
import { isUrl } from '../load/read-source.ts';

export function sourceNameOf(contracts: readonly string[]): string {
  return contracts.map((c) => safeName(isUrl(c) ? urlName(c) : fileName(c))).join(', ');
}

function urlName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return fileName(url);
  }
}

function fileName(file: string): string {
  const parts = file.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? file;
}

/** Letters, digits and the punctuation of paths and URLs stay; everything else is percent-encoded (UTF-8). */
function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}/._~:?&=%#+@,!$()[\]{} -]/gu, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
