/**
 * Contract text (documentation, namespace URIs, soapActions) ends up in JSDoc comments of the
 * generated code. A `*` followed by `/` in it would end the comment early and turn the rest of
 * the text into code; it is written `*\/` instead. Applied to every structure before printing.
 */

/** `text` made safe inside a block comment. */
export function commentText(text: string): string {
  return text.includes('*/') ? text.replaceAll('*/', '*\\/') : text;
}

/** Escapes, in place, every `docs` entry (strings and JSDoc structures with their tags) in a tree of ts-morph structures. */
export function escapeDocs<T>(structures: T): T {
  const stack: unknown[] = [structures];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (key === 'docs' && Array.isArray(value)) record[key] = value.map(escapeDoc);
      else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return structures;
}

function escapeDoc(doc: unknown): unknown {
  if (typeof doc === 'string') return commentText(doc);
  if (typeof doc !== 'object' || doc === null) return doc;
  const d = doc as { description?: unknown; tags?: unknown };
  const out: Record<string, unknown> = { ...d };
  if (typeof d.description === 'string') out['description'] = commentText(d.description);
  if (Array.isArray(d.tags)) {
    out['tags'] = d.tags.map((t: unknown) => {
      const tag = t as { text?: unknown };
      return typeof tag === 'object' && tag !== null && typeof tag.text === 'string' ? { ...tag, text: commentText(tag.text) } : t;
    });
  }
  return out;
}
