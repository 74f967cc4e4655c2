/**
 * Bounds the generator puts on contracts, so that a hostile or broken one ends in a located
 * LIMIT_EXCEEDED error instead of a stack overflow or hours of work. Real contracts stay far
 * below them (the User contract nests anonymous types 2 deep; its longest base chain is 1).
 * Documented in the README ("Limits").
 */
export const GENERATOR_LIMITS = {
  /**
   * Anonymous types nested in one another: an element's inline type holding an element with an
   * inline type, and so on (inline simple types of lists and restrictions count too).
   */
  maxTypeNesting: 100,
  /**
   * Length of a type's chain of bases: complexContent extensions, simple-type restrictions and
   * list item types, followed from the type to the last base that is not a built-in.
   */
  maxDerivationDepth: 100,
} as const;
