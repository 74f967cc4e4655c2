/**
 * Strict or lax reading: the one place where the two differ. Reading is strict by default: a
 * message that lacks a required member, or writes a member in another namespace than the
 * contract says, is refused (the TypeScript types promise what the contract promises). Lax
 * reading, as zeep's `strict=False` offers, accepts those two slips and reports each as a
 * `ReadingWarning`: the value then lacks what its type says it has. Nothing else is laxer:
 * limits, well-formedness, lexical forms, xsi:nil and choices are checked as strictly.
 *
 * Floor 1 of the runtime (errors, values, compiled descriptors): imports errors.ts.
 */

import { SoapValidationError } from './errors.js';

/** How strictly a message read is held to its contract. */
export type ReadingMode = 'strict' | 'lax';

/** What lax reading accepted. */
export type ReadingWarningKind =
  /** A required element or attribute (or a required choice's branch) is missing: the member is absent. */
  | 'missing-required'
  /** An element in another namespace than the contract's, with the local name of a member it expects: read as that member. */
  | 'foreign-namespace'
  /** The last warning when there were more than MAX_WARNINGS: `message` says how many more slips were accepted; `path` is ''. */
  | 'more-warnings';

/**
 * Warnings listed at most for one message; the slips after them are counted in one last
 * 'more-warnings' warning, so a message of millions of slips cannot make millions of warnings.
 */
export const MAX_WARNINGS = 1000;

/** A slip of the message that lax reading accepted, where strict reading would have refused it. */
export interface ReadingWarning {
  readonly kind: ReadingWarningKind;
  /** Where, as SoapValidationError paths say it (`GetUserResponse.User.Name`, `Items[2].Id`). */
  readonly path: string;
  readonly message: string;
}

/**
 * The reading mode of one message, and the warnings lax reading gathers. The reader asks it
 * about each slip: `tolerates` says whether to read on (lax: after recording a warning) or to
 * treat the slip as strict reading does.
 */
export class Reading {
  readonly lax: boolean;
  readonly warnings: ReadingWarning[] = [];
  /** Slips accepted past MAX_WARNINGS. */
  private unlisted = 0;

  constructor(mode: ReadingMode | undefined) {
    this.lax = checkReadingMode(mode) === 'lax';
  }

  /** Under lax reading, records the slip and returns true; under strict reading, returns false. */
  tolerates(kind: ReadingWarningKind, path: string, message: string): boolean {
    if (!this.lax) return false;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ kind, path, message });
    else {
      this.unlisted++;
      const more = `${this.unlisted} more slip${this.unlisted === 1 ? '' : 's'} accepted and not listed (at most ${MAX_WARNINGS} warnings are)`;
      this.warnings[MAX_WARNINGS] = { kind: 'more-warnings', path: '', message: more };
    }
    return true;
  }
}

/**
 * `mode` itself when it is a reading mode (or undefined); otherwise SoapValidationError at `path`:
 * a typo (`'loose'`) from untyped code must not silently read strictly.
 */
export function checkReadingMode(mode: unknown, path = 'reading'): ReadingMode | undefined {
  if (mode === undefined || mode === 'strict' || mode === 'lax') return mode;
  throw new SoapValidationError(path, mode, "expected 'strict' or 'lax'");
}

/** How a namespace is named in a warning. */
export function namespaceName(ns: string): string {
  return ns === '' ? 'no namespace' : `namespace ${ns}`;
}
