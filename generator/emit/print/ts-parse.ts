/**
 * A parser for the TypeScript the emitters write as text inside ts-morph structures (types,
 * initializers, statements): a small subset of the language, parsed to nodes named and shaped
 * as Babel names them, so that the printer can follow prettier's rules node by node. Anything
 * outside the subset throws `Unsupported`.
 */
import { Unsupported } from './doc.ts';

// ---------------------------------------------------------------------------------------------
// Nodes.

export interface Comment {
  /** The comment's text from the opening delimiter to the closing one. */
  readonly text: string;
  readonly block: boolean;
  /** A line break follows the comment (before what it is attached to). */
  readonly newlineAfter: boolean;
  /** A blank line follows the comment. */
  readonly blankAfter: boolean;
}

export type Expr =
  | { type: 'Identifier'; name: string }
  | { type: 'StringLiteral'; raw: string; value: string }
  | { type: 'NumericLiteral'; raw: string }
  | { type: 'BooleanLiteral'; value: boolean }
  | { type: 'NullLiteral' }
  | { type: 'ThisExpression' }
  | { type: 'MemberExpression'; object: Expr; property: Expr | PrivateName; computed: boolean; optional: boolean }
  | { type: 'CallExpression'; callee: Expr; arguments: Expr[]; optional: boolean }
  | { type: 'NewExpression'; callee: Expr; arguments: Expr[] }
  | { type: 'ArrowFunctionExpression'; params: Pattern[]; body: Expr }
  | ObjectExpression
  | { type: 'ArrayExpression'; elements: Expr[] }
  | { type: 'SpreadElement'; argument: Expr }
  | { type: 'TSAsExpression' | 'TSSatisfiesExpression'; expression: Expr; typeAnnotation: TypeNode }
  | { type: 'UnaryExpression'; operator: string; argument: Expr }
  | { type: 'BinaryExpression' | 'LogicalExpression'; operator: string; left: Expr; right: Expr }
  | { type: 'ConditionalExpression'; test: Expr; consequent: Expr; alternate: Expr }
  | { type: 'AwaitExpression'; argument: Expr }
  | { type: 'AssignmentExpression'; operator: string; left: Expr; right: Expr };

export interface PrivateName {
  type: 'PrivateName';
  name: string;
}

export interface ObjectExpression {
  type: 'ObjectExpression';
  properties: (ObjectProperty | { type: 'SpreadElement'; argument: Expr })[];
  /** A line break between `{` and the first property: prettier keeps such an object expanded. */
  newlineAfterBrace: boolean;
}

export interface ObjectProperty {
  type: 'ObjectProperty';
  key: Expr;
  value: Expr;
  shorthand: boolean;
  comments: Comment[];
}

export type Pattern =
  | { type: 'Identifier'; name: string; typeAnnotation?: TypeNode; optional?: boolean }
  | { type: 'ObjectPattern'; properties: ({ type: 'ObjectProperty'; key: Expr; value: Pattern; shorthand: boolean } | { type: 'RestElement'; argument: Pattern })[] };

export type TypeNode =
  | { type: 'TSTypeReference'; typeName: string; typeArguments: TypeNode[] | undefined }
  | { type: 'TSKeyword'; name: string }
  | { type: 'TSLiteralType'; literal: Expr }
  | { type: 'TSUnionType'; types: TypeNode[] }
  | { type: 'TSIntersectionType'; types: TypeNode[] }
  | { type: 'TSArrayType'; elementType: TypeNode }
  | TypeLiteral
  | { type: 'TSIndexedAccessType'; objectType: TypeNode; indexType: TypeNode }
  | { type: 'TSTypeOperator'; operator: string; typeAnnotation: TypeNode }
  | { type: 'TSMappedType'; readonly: boolean; key: string; constraint: TypeNode; typeAnnotation: TypeNode; optional: boolean };

export interface TypeLiteral {
  type: 'TSTypeLiteral';
  members: PropertySignature[];
  newlineAfterBrace: boolean;
}

export interface PropertySignature {
  type: 'TSPropertySignature';
  key: Expr;
  optional: boolean;
  readonly: boolean;
  typeAnnotation: TypeNode;
  comments: Comment[];
}

export type Statement =
  | { type: 'ReturnStatement'; argument: Expr | undefined }
  | { type: 'ExpressionStatement'; expression: Expr }
  | { type: 'IfStatement'; test: Expr; consequent: Statement }
  | { type: 'VariableDeclaration'; kind: string; declarations: Declarator[] };

export interface Declarator {
  id: Pattern;
  init: Expr | undefined;
}

const KEYWORD_TYPES = new Set(['string', 'number', 'boolean', 'bigint', 'null', 'undefined', 'void', 'unknown', 'never', 'object', 'symbol', 'any']);

// ---------------------------------------------------------------------------------------------
// Tokens.

type TokenKind = 'name' | 'private' | 'string' | 'number' | 'punct' | 'eof';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Comments between the previous token and this one. */
  readonly comments: Comment[];
  /** A line break between the previous token (or its comments) and this one. */
  readonly newlineBefore: boolean;
  /** A line break anywhere between the previous token and this one, comments included. */
  readonly newlineInGap: boolean;
}

const PUNCTUATION = ['...', '===', '!==', '=>', '?.', '??', '&&', '||', '==', '!=', '<=', '>=', '{', '}', '(', ')', '[', ']', '<', '>', ',', ';', ':', '.', '?', '|', '&', '=', '!', '+', '-', '*', '/', '%'];
/** Punctuators by first character, longest first. */
const PUNCT_BY_CHAR = new Map<number, string[]>();
for (const p of PUNCTUATION) {
  const list = PUNCT_BY_CHAR.get(p.charCodeAt(0)) ?? [];
  list.push(p);
  PUNCT_BY_CHAR.set(p.charCodeAt(0), list);
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const NO_COMMENTS: Comment[] = [];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const n = src.length;
  let i = 0;
  let comments: Comment[] = NO_COMMENTS;
  let newline = false;
  let gapStart = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      newline = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 42) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new Unsupported('an unterminated comment');
      const text = src.slice(i, end + 2);
      i = end + 2;
      const rest = src.slice(i, i + 200);
      if (comments === NO_COMMENTS) comments = [];
      comments.push({ text, block: true, newlineAfter: /^[ \t\r]*\n/.test(rest), blankAfter: /^[ \t\r]*\n[ \t\r]*\n/.test(rest) });
      newline = false;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 47) throw new Unsupported('a line comment in generated code');
    const start = i;
    let kind: TokenKind;
    if (isIdentStart(c) || c === 35) {
      i++;
      while (i < n && isIdentPart(src.charCodeAt(i))) i++;
      kind = c === 35 ? 'private' : 'name';
      if (i < n && src.charCodeAt(i) > 127) throw new Unsupported('a non-ASCII identifier');
    } else if (c === 39 || c === 34) {
      i++;
      while (i < n && src.charCodeAt(i) !== c) {
        const d = src.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 10) throw new Unsupported('a line break in a string');
        i++;
      }
      if (i >= n) throw new Unsupported('an unterminated string');
      i++;
      kind = 'string';
    } else if (isDigit(c)) {
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (i < n && (isIdentStart(src.charCodeAt(i)) || src.charCodeAt(i) === 46)) throw new Unsupported('a number literal other than an integer');
      kind = 'number';
    } else {
      const p = PUNCT_BY_CHAR.get(c)?.find((q) => q.length === 1 || src.startsWith(q, i));
      if (!p || (p === '?.' && isDigit(src.charCodeAt(i + 2)))) throw new Unsupported(`the character ${JSON.stringify(src[i])}`);
      i += p.length;
      kind = 'punct';
    }
    tokens.push({ kind, text: src.slice(start, i), start, end: i, comments, newlineBefore: newline, newlineInGap: src.slice(gapStart, start).includes('\n') });
    comments = NO_COMMENTS;
    newline = false;
    gapStart = i;
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n, comments, newlineBefore: newline, newlineInGap: src.slice(gapStart, n).includes('\n') });
  return tokens;
}

/** The value of a string literal token (the escapes JSON and the emitters write). */
export function stringValue(raw: string): string {
  const body = raw.slice(1, -1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '0':
        if (e.length === 1) return '\0';
        throw new Unsupported('an octal escape');
      case 'u':
        return String.fromCodePoint(parseInt(e[1] === '{' ? e.slice(2, -1) : e.slice(1), 16));
      case 'x':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        if (/[1-9]/.test(e)) throw new Unsupported('an octal escape');
        return e;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The parser.

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(src: string) {
    this.tokens = tokenize(src);
  }

  private get tok(): Token {
    return this.tokens[this.pos]!;
  }

  private peek(n = 1): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)]!;
  }

  private is(text: string): boolean {
    const t = this.tok;
    return (t.kind === 'punct' || t.kind === 'name') && t.text === text;
  }

  private eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.pos++;
    return true;
  }

  private expect(text: string): Token {
    const t = this.tok;
    if (!this.eat(text)) throw new Unsupported(`expected "${text}" but found "${t.text}"`);
    return t;
  }

  private noComments(t: Token): void {
    if (t.comments.length > 0) throw new Unsupported('a comment in this position');
  }

  atEnd(): boolean {
    return this.tok.kind === 'eof';
  }

  end(): void {
    this.noComments(this.tok);
    if (this.tok.kind !== 'eof') throw new Unsupported(`unexpected "${this.tok.text}"`);
  }

  private name(): string {
    const t = this.tok;
    this.noComments(t);
    if (t.kind !== 'name') throw new Unsupported(`expected a name but found "${t.text}"`);
    this.pos++;
    return t.text;
  }

  // ----- statements

  statement(): Statement {
    this.noComments(this.tok);
    if (this.eat('return')) {
      if (this.eat(';')) return { type: 'ReturnStatement', argument: undefined };
      const argument = this.expression();
      this.expect(';');
      return { type: 'ReturnStatement', argument };
    }
    if (this.eat('if')) {
      this.expect('(');
      const test = this.expression();
      this.expect(')');
      if (this.is('{')) throw new Unsupported('an if with a block');
      const consequent = this.statement();
      if (this.is('else')) throw new Unsupported('an else');
      return { type: 'IfStatement', test, consequent };
    }
    if (this.is('const') || this.is('let')) {
      const kind = this.name();
      const declarations: Declarator[] = [];
      do {
        const id = this.bindingPattern();
        const init = this.eat('=') ? this.expression() : undefined;
        declarations.push({ id, init });
      } while (this.eat(','));
      this.expect(';');
      return { type: 'VariableDeclaration', kind, declarations };
    }
    const expression = this.expression();
    this.expect(';');
    return { type: 'ExpressionStatement', expression };
  }

  bindingPattern(): Pattern {
    if (this.eat('{')) {
      const properties: Extract<Pattern, { type: 'ObjectPattern' }>['properties'] = [];
      while (!this.is('}')) {
        if (this.eat('...')) properties.push({ type: 'RestElement', argument: { type: 'Identifier', name: this.name() } });
        else {
          const key = this.name();
          if (this.eat(':')) properties.push({ type: 'ObjectProperty', key: { type: 'Identifier', name: key }, value: { type: 'Identifier', name: this.name() }, shorthand: false });
          else properties.push({ type: 'ObjectProperty', key: { type: 'Identifier', name: key }, value: { type: 'Identifier', name: key }, shorthand: true });
        }
        if (!this.eat(',')) break;
      }
      this.expect('}');
      return { type: 'ObjectPattern', properties };
    }
    const name = this.name();
    if (this.eat(':')) return { type: 'Identifier', name, typeAnnotation: this.type() };
    return { type: 'Identifier', name };
  }

  // ----- expressions (precedence climbing)

  expression(): Expr {
    return this.assignment();
  }

  private assignment(): Expr {
    if (this.isArrowAhead()) return this.arrow();
    const left = this.conditional();
    if (this.is('=')) {
      this.pos++;
      if (left.type !== 'Identifier' && left.type !== 'MemberExpression') throw new Unsupported('an assignment target');
      return { type: 'AssignmentExpression', operator: '=', left, right: this.assignment() };
    }
    return left;
  }

  private isArrowAhead(): boolean {
    if (this.tok.kind === 'name' && this.peek().text === '=>') return true;
    if (!this.is('(')) return false;
    let depth = 0;
    for (let k = this.pos; k < this.tokens.length; k++) {
      const t = this.tokens[k]!;
      if (t.text === '(' && t.kind === 'punct') depth++;
      else if (t.text === ')' && t.kind === 'punct') {
        depth--;
        if (depth === 0) return this.tokens[k + 1]?.text === '=>';
      }
    }
    return false;
  }

  private arrow(): Expr {
    const params: Pattern[] = [];
    if (this.eat('(')) {
      while (!this.is(')')) {
        params.push(this.bindingPattern());
        if (!this.eat(',')) break;
      }
      this.expect(')');
    } else params.push({ type: 'Identifier', name: this.name() });
    this.expect('=>');
    if (this.is('{')) {
      // A block body is not needed by the emitters; an object body needs parentheses.
      throw new Unsupported('an arrow function with a block body');
    }
    return { type: 'ArrowFunctionExpression', params, body: this.assignment() };
  }

  private conditional(): Expr {
    const test = this.binary(0);
    if (!this.eat('?')) return test;
    const consequent = this.assignment();
    this.expect(':');
    const alternate = this.assignment();
    return { type: 'ConditionalExpression', test, consequent, alternate };
  }

  private static readonly PRECEDENCE: Record<string, number> = {
    '??': 1,
    '||': 2,
    '&&': 3,
    '==': 7,
    '!=': 7,
    '===': 7,
    '!==': 7,
    '<': 8,
    '>': 8,
    '<=': 8,
    '>=': 8,
    '+': 10,
    '-': 10,
    '*': 11,
    '/': 11,
    '%': 11,
  };

  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.tok;
      if (t.kind === 'name' && (t.text === 'as' || t.text === 'satisfies')) {
        this.pos++;
        if (t.text === 'as' && this.is('const')) {
          this.pos++;
          left = { type: 'TSAsExpression', expression: left, typeAnnotation: { type: 'TSTypeReference', typeName: 'const', typeArguments: undefined } };
        } else left = { type: t.text === 'as' ? 'TSAsExpression' : 'TSSatisfiesExpression', expression: left, typeAnnotation: this.type() };
        continue;
      }
      const prec = t.kind === 'punct' ? Parser.PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec <= minPrec) return left;
      this.pos++;
      const right = this.binary(prec);
      const logical = t.text === '&&' || t.text === '||' || t.text === '??';
      left = { type: logical ? 'LogicalExpression' : 'BinaryExpression', operator: t.text, left, right };
    }
  }

  private unary(): Expr {
    this.noComments(this.tok);
    if (this.is('!') || this.is('-') || this.is('typeof')) {
      const operator = this.tok.text;
      this.pos++;
      return { type: 'UnaryExpression', operator, argument: this.unary() };
    }
    if (this.eat('await')) return { type: 'AwaitExpression', argument: this.unary() };
    return this.postfix();
  }

  private postfix(): Expr {
    let e: Expr;
    if (this.eat('new')) {
      let callee: Expr = { type: 'Identifier', name: this.name() };
      while (this.eat('.')) callee = { type: 'MemberExpression', object: callee, property: { type: 'Identifier', name: this.name() }, computed: false, optional: false };
      e = { type: 'NewExpression', callee, arguments: this.is('(') ? this.args() : [] };
    } else e = this.primary();
    for (;;) {
      if (this.eat('.')) e = { type: 'MemberExpression', object: e, property: this.memberName(), computed: false, optional: false };
      else if (this.eat('?.')) {
        if (this.is('(')) e = { type: 'CallExpression', callee: e, arguments: this.args(), optional: true };
        else if (this.eat('[')) {
          const property = this.expression();
          this.expect(']');
          e = { type: 'MemberExpression', object: e, property, computed: true, optional: true };
        } else e = { type: 'MemberExpression', object: e, property: this.memberName(), computed: false, optional: true };
      } else if (this.is('[')) {
        this.pos++;
        const property = this.expression();
        this.expect(']');
        e = { type: 'MemberExpression', object: e, property, computed: true, optional: false };
      } else if (this.is('(')) e = { type: 'CallExpression', callee: e, arguments: this.args(), optional: false };
      else if (this.is('<')) throw new Unsupported('type arguments on a call');
      else return e;
    }
  }

  private memberName(): Expr | PrivateName {
    const t = this.tok;
    this.noComments(t);
    if (t.kind === 'private') {
      this.pos++;
      return { type: 'PrivateName', name: t.text.slice(1) };
    }
    return { type: 'Identifier', name: this.name() };
  }

  private args(): Expr[] {
    this.expect('(');
    const out: Expr[] = [];
    while (!this.is(')')) {
      out.push(this.eat('...') ? { type: 'SpreadElement', argument: this.assignment() } : this.assignment());
      if (!this.eat(',')) break;
    }
    this.expect(')');
    return out;
  }

  private primary(): Expr {
    const t = this.tok;
    this.noComments(t);
    switch (t.kind) {
      case 'string':
        this.pos++;
        return { type: 'StringLiteral', raw: t.text, value: stringValue(t.text) };
      case 'number':
        this.pos++;
        return { type: 'NumericLiteral', raw: t.text };
      case 'name':
        this.pos++;
        if (t.text === 'true' || t.text === 'false') return { type: 'BooleanLiteral', value: t.text === 'true' };
        if (t.text === 'null') return { type: 'NullLiteral' };
        if (t.text === 'this') return { type: 'ThisExpression' };
        if (['function', 'class', 'async', 'yield', 'new', 'delete', 'void', 'in', 'instanceof', 'super', 'import'].includes(t.text)) {
          throw new Unsupported(`the keyword ${t.text}`);
        }
        return { type: 'Identifier', name: t.text };
      case 'punct':
        if (t.text === '(') {
          this.pos++;
          const e = this.expression();
          this.expect(')');
          return e;
        }
        if (t.text === '{') return this.object();
        if (t.text === '[') {
          this.pos++;
          const elements: Expr[] = [];
          while (!this.is(']')) {
            elements.push(this.eat('...') ? { type: 'SpreadElement', argument: this.assignment() } : this.assignment());
            if (!this.eat(',')) break;
          }
          this.expect(']');
          return { type: 'ArrayExpression', elements };
        }
        break;
    }
    throw new Unsupported(`unexpected "${t.text}"`);
  }

  private object(): ObjectExpression {
    this.expect('{');
    const newlineAfterBrace = !this.is('}') && this.tok.newlineInGap;
    const properties: ObjectExpression['properties'] = [];
    while (!this.is('}')) {
      const comments = this.tok.comments;
      if (this.eat('...')) {
        if (comments.length > 0) throw new Unsupported('a comment before a spread');
        properties.push({ type: 'SpreadElement', argument: this.assignment() });
      } else {
        const k = this.tok;
        let key: Expr;
        if (k.kind === 'string') key = { type: 'StringLiteral', raw: k.text, value: stringValue(k.text) };
        else if (k.kind === 'name') key = { type: 'Identifier', name: k.text };
        else if (k.kind === 'number') key = { type: 'NumericLiteral', raw: k.text };
        else throw new Unsupported(`a property key "${k.text}"`);
        this.pos++;
        if (this.eat(':')) properties.push({ type: 'ObjectProperty', key, value: this.assignment(), shorthand: false, comments });
        else if (key.type === 'Identifier' && (this.is(',') || this.is('}'))) properties.push({ type: 'ObjectProperty', key, value: key, shorthand: true, comments });
        else throw new Unsupported('an object member other than a property');
      }
      if (!this.eat(',')) break;
    }
    if (this.tok.comments.length > 0) throw new Unsupported('a comment at the end of an object');
    this.expect('}');
    return { type: 'ObjectExpression', properties, newlineAfterBrace };
  }

  // ----- types

  type(): TypeNode {
    this.eat('|');
    const first = this.intersection();
    if (!this.is('|')) return first;
    const types = [first];
    while (this.eat('|')) types.push(this.intersection());
    return { type: 'TSUnionType', types };
  }

  private intersection(): TypeNode {
    const first = this.typeOperator();
    if (!this.is('&')) return first;
    const types = [first];
    while (this.eat('&')) types.push(this.typeOperator());
    return { type: 'TSIntersectionType', types };
  }

  private typeOperator(): TypeNode {
    if (this.eat('keyof')) return { type: 'TSTypeOperator', operator: 'keyof', typeAnnotation: this.typeOperator() };
    return this.typePostfix();
  }

  private typePostfix(): TypeNode {
    let t = this.typePrimary();
    for (;;) {
      if (this.tok.newlineBefore) return t;
      if (this.is('[') && this.peek().text === ']') {
        this.pos += 2;
        t = { type: 'TSArrayType', elementType: t };
      } else if (this.is('[')) {
        this.pos++;
        const indexType = this.type();
        this.expect(']');
        t = { type: 'TSIndexedAccessType', objectType: t, indexType };
      } else return t;
    }
  }

  private typePrimary(): TypeNode {
    const t = this.tok;
    this.noComments(t);
    if (t.kind === 'string') {
      this.pos++;
      return { type: 'TSLiteralType', literal: { type: 'StringLiteral', raw: t.text, value: stringValue(t.text) } };
    }
    if (t.kind === 'number') {
      this.pos++;
      return { type: 'TSLiteralType', literal: { type: 'NumericLiteral', raw: t.text } };
    }
    if (this.eat('(')) {
      const inner = this.type();
      this.expect(')');
      return inner;
    }
    if (this.is('{')) return this.typeLiteralOrMapped();
    if (t.kind === 'name') {
      this.pos++;
      if (t.text === 'true' || t.text === 'false') return { type: 'TSLiteralType', literal: { type: 'BooleanLiteral', value: t.text === 'true' } };
      if (KEYWORD_TYPES.has(t.text)) return { type: 'TSKeyword', name: t.text };
      if (t.text === 'typeof' || t.text === 'infer' || t.text === 'unique' || t.text === 'readonly' || t.text === 'new') {
        throw new Unsupported(`the type operator ${t.text}`);
      }
      let typeName = t.text;
      while (this.is('.') && !this.tok.newlineBefore) {
        this.pos++;
        typeName += `.${this.name()}`;
      }
      let typeArguments: TypeNode[] | undefined;
      if (this.is('<')) {
        this.pos++;
        typeArguments = [];
        while (!this.is('>')) {
          typeArguments.push(this.type());
          if (!this.eat(',')) break;
        }
        this.expect('>');
      }
      return { type: 'TSTypeReference', typeName, typeArguments };
    }
    throw new Unsupported(`unexpected "${t.text}" in a type`);
  }

  private typeLiteralOrMapped(): TypeNode {
    this.expect('{');
    const newlineAfterBrace = !this.is('}') && this.tok.newlineInGap;
    // Mapped type: { readonly [K in X]: T }
    const save = this.pos;
    const readonly = this.is('readonly') && this.peek().text === '[';
    if (readonly) this.pos++;
    if (this.is('[') && this.peek().kind === 'name' && this.peek(2).text === 'in') {
      if (newlineAfterBrace) throw new Unsupported('a mapped type over several lines');
      this.pos++;
      const key = this.name();
      this.expect('in');
      const constraint = this.type();
      this.expect(']');
      const optional = this.eat('?');
      this.expect(':');
      const typeAnnotation = this.type();
      this.eat(';');
      this.expect('}');
      return { type: 'TSMappedType', readonly, key, constraint, typeAnnotation, optional };
    }
    this.pos = save;
    const members: PropertySignature[] = [];
    while (!this.is('}')) {
      const comments = this.tok.comments;
      const isReadonly = this.is('readonly') && this.peek().kind !== 'punct';
      if (isReadonly) this.pos++;
      const k = this.tok;
      let key: Expr;
      if (k.kind === 'string') key = { type: 'StringLiteral', raw: k.text, value: stringValue(k.text) };
      else if (k.kind === 'name') key = { type: 'Identifier', name: k.text };
      else throw new Unsupported(`a type member "${k.text}"`);
      if (isReadonly && k.comments.length > 0) throw new Unsupported('a comment after readonly');
      this.pos++;
      const optional = this.eat('?');
      if (this.is('(')) throw new Unsupported('a method signature in a type literal');
      this.expect(':');
      members.push({ type: 'TSPropertySignature', key, optional, readonly: isReadonly, typeAnnotation: this.type(), comments });
      if (!this.eat(';') && !this.eat(',')) break;
    }
    if (this.tok.comments.length > 0) throw new Unsupported('a comment at the end of a type literal');
    this.expect('}');
    return { type: 'TSTypeLiteral', members, newlineAfterBrace };
  }
}

export function parseType(src: string): TypeNode {
  const p = new Parser(src);
  const t = p.type();
  p.end();
  return t;
}

export function parseExpression(src: string): Expr {
  const p = new Parser(src);
  const e = p.expression();
  p.end();
  return e;
}

/** One or more statements (a structure's statement string may hold several). */
export function parseStatements(src: string): Statement[] {
  if (/\n[ \t]*\n/.test(src)) throw new Unsupported('a blank line inside a statement');
  const p = new Parser(src);
  const out: Statement[] = [];
  while (!p.atEnd()) out.push(p.statement());
  p.end();
  return out;
}
