/**
 * The one walk up a chain of base types, for every pass that follows one (checking derivations,
 * inheriting simple content, the two mixed-content passes). Each pass says how a type links to
 * its base (`next`); the walk guards against cycles and over-long chains the same way for all.
 */
import type { TypeDef, TypeRef } from '../model.ts';

export interface BaseChain {
  /** The ids above the start, nearest first, each once. The last may name no defined type. */
  readonly ids: readonly string[];
  /** The id at which the chain came back to one already walked (the start included), if it did. */
  readonly cycle: string | undefined;
  /** The chain goes on after `limit` ids. */
  readonly overLimit: boolean;
}

export interface WalkOptions {
  /** Ids walked at most. */
  readonly limit?: number;
  /**
   * The walk ends at (and includes) the first id for which this holds, without following its
   * link; for `start`, nothing is walked. Lets a pass stop where it knows the answer already
   * (memoised), so that each chain is walked once however long it is.
   */
  readonly until?: (id: string) => boolean;
}

/** Walks from `start` along `next` (a type's id to its base's id, undefined where there is none). */
export function ancestors(start: string, next: (id: string) => string | undefined, options: WalkOptions = {}): BaseChain {
  const { limit = Infinity, until } = options;
  const ids: string[] = [];
  const seen = new Set<string>([start]);
  if (until?.(start)) return { ids, cycle: undefined, overLimit: false };
  for (let at = next(start); at !== undefined; at = next(at)) {
    if (seen.has(at)) return { ids, cycle: at, overLimit: false };
    if (ids.length === limit) return { ids, cycle: undefined, overLimit: true };
    seen.add(at);
    ids.push(at);
    if (until?.(at)) break;
  }
  return { ids, cycle: undefined, overLimit: false };
}

/** The next type in a type's derivation chain: its base, or a list's item type. */
export function baseOf(t: TypeDef): TypeRef | undefined {
  switch (t.kind) {
    case 'complex':
    case 'enum':
    case 'restriction':
      return t.base;
    case 'list':
      return t.item;
    default:
      return undefined;
  }
}

/** The id a reference names, when it names a defined (not built-in) type. */
export function idOf(ref: TypeRef | undefined): string | undefined {
  return ref?.kind === 'type' ? ref.id : undefined;
}
