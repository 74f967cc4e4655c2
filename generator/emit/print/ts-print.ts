/**
 * Documents for the parsed TypeScript subset, built as prettier's estree printer builds them
 * (prettier 3, options of write.ts: printWidth 120, single quotes, trailing commas "all",
 * quoteProps "as-needed"). Each function names the prettier printer it follows. Layouts this
 * file does not reproduce throw `Unsupported` (or are guarded groups that throw if they break).
 */
import {
  align,
  breakParent,
  canBreak,
  conditionalGroup,
  group,
  hardline,
  ifBreak,
  indent,
  indentIfBreak,
  join,
  line,
  softline,
  stringWidth,
  Unsupported,
  willBreak,
  type Doc,
} from './doc.ts';
import type { Comment, Declarator, Expr, ObjectExpression, Pattern, PrivateName, PropertySignature, Statement, TypeNode } from './ts-parse.ts';

export const PRINT_WIDTH = 120;
const TAB_WIDTH = 2;

/** Any node of the subset, for parent links. */
export type Node = Expr | TypeNode | Pattern | Statement | PrivateName | PropertySignature | { type: string };

/** The ancestors of the node being printed, innermost last, with the key each child sits under. */
class Path {
  readonly nodes: Node[] = [];
  readonly keys: string[] = [];

  get parent(): Node | undefined {
    return this.nodes[this.nodes.length - 1];
  }

  get key(): string {
    return this.keys[this.keys.length - 1] ?? '';
  }

  /** The i-th ancestor: 0 the parent, 1 the grandparent. */
  ancestor(i: number): Node | undefined {
    return this.nodes[this.nodes.length - 1 - i];
  }

  keyAt(i: number): string {
    return this.keys[this.keys.length - 1 - i] ?? '';
  }

  with<R>(node: Node, key: string, f: () => R): R {
    this.nodes.push(node);
    this.keys.push(key);
    try {
      return f();
    } finally {
      this.nodes.pop();
      this.keys.pop();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Strings and keys (prettier: utils/print-string.js, print/property-key.js).

/** A string literal in the preferred quote (single, unless that needs more escapes). */
export function printString(raw: string): string {
  const content = raw.slice(1, -1);
  // The common case: no quotes and no escapes inside.
  if (!/[\\'"]/.test(content)) return raw.charCodeAt(0) === 39 ? raw : `'${content}'`;
  let doubles = 0;
  let singles = 0;
  for (const ch of content) {
    if (ch === '"') doubles++;
    else if (ch === "'") singles++;
  }
  const quote = singles > doubles ? '"' : "'";
  const other = quote === '"' ? "'" : '"';
  const body = content.replace(/\\(.)|(["'])/gs, (match, escaped: string | undefined, q: string | undefined) => {
    if (escaped === other) return escaped;
    if (q === quote) return `\\${q}`;
    if (q) return q;
    return /^[^\n\r"'0-7\\bfnrt-vx\u2028\u2029]$/.test(escaped!) ? escaped! : `\\${escaped}`;
  });
  return quote + body + quote;
}

const ES5_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function printKey(key: Expr): string {
  switch (key.type) {
    case 'Identifier':
      return key.name;
    case 'NumericLiteral':
      return key.raw;
    case 'StringLiteral': {
      const printed = printString(key.raw);
      // quoteProps "as-needed": unquoted when the value is an identifier name (numbers stay quoted in TypeScript).
      if (printed.slice(1, -1) === key.value && ES5_IDENTIFIER.test(key.value)) return key.value;
      return printed;
    }
    default:
      throw new Unsupported(`a ${key.type} key`);
  }
}

function printComments(comments: readonly Comment[]): Doc[] {
  const out: Doc[] = [];
  for (const c of comments) {
    if (!c.block) throw new Unsupported('a line comment');
    out.push(printBlockComment(c.text), c.newlineAfter ? hardline : ' ');
    if (c.blankAfter) out.push(hardline);
  }
  return out;
}

/** prettier: print/comment.js (a JSDoc-style comment is re-indented, line by line). */
export function printBlockComment(text: string): Doc {
  const value = text.slice(2, -2);
  const lines = value.split('\n');
  const indentable = lines.length > 1 && `*${value}*`.split('\n').every((l) => l.trimStart()[0] === '*');
  if (indentable) {
    return ['/*', join(hardline, lines.map((l, i) => (i === 0 ? l.trimEnd() : ` ${i < lines.length - 1 ? l.trim() : l.trimStart()}`))), '*/'];
  }
  if (lines.length > 1) throw new Unsupported('a multi-line block comment');
  return text;
}

// ---------------------------------------------------------------------------------------------
// Node predicates.

const isMember = (n: Node | undefined): n is Extract<Expr, { type: 'MemberExpression' }> => n?.type === 'MemberExpression';
const isCall = (n: Node | undefined): n is Extract<Expr, { type: 'CallExpression' }> => n?.type === 'CallExpression';
const isBinaryish = (n: Node | undefined): n is Extract<Expr, { type: 'BinaryExpression' | 'LogicalExpression' }> =>
  n?.type === 'BinaryExpression' || n?.type === 'LogicalExpression';
const isCast = (n: Node | undefined): n is Extract<Expr, { type: 'TSAsExpression' | 'TSSatisfiesExpression' }> =>
  n?.type === 'TSAsExpression' || n?.type === 'TSSatisfiesExpression';
const isObjectType = (n: Node | undefined) => n?.type === 'TSTypeLiteral' || n?.type === 'TSMappedType';
const isSimpleType = (n: Node | undefined) => n?.type === 'TSKeyword' || (n?.type === 'TSTypeReference' && !(n as { typeArguments?: unknown }).typeArguments);

function shouldHugUnion(types: readonly TypeNode[]): boolean {
  const object = types.find((t) => t.type === 'TSTypeLiteral' || t.type === 'TSTypeReference');
  if (!object) return false;
  return types.every((t) => t === object || (t.type === 'TSKeyword' && (t.name === 'null' || t.name === 'void')));
}

function shouldHugType(t: TypeNode): boolean {
  if (isSimpleType(t) || isObjectType(t)) return true;
  if (t.type === 'TSUnionType') return shouldHugUnion(t.types);
  return false;
}

// ---------------------------------------------------------------------------------------------
// The printer.

export class TsPrinter {
  private readonly path = new Path();

  // ----- statements (prettier: print/statement.js and friends)

  statement(s: Statement): Doc {
    return this.path.with(s, '', () => this.statementInner(s));
  }

  private statementInner(s: Statement): Doc {
    switch (s.type) {
      case 'ReturnStatement': {
        if (!s.argument) return ['return', ';'];
        const arg = s.argument;
        if (isBinaryish(arg)) throw new Unsupported('return of a binary expression');
        return ['return', ' ', this.expr(arg, s, 'argument'), ';'];
      }
      case 'ExpressionStatement':
        if (s.expression.type === 'ObjectExpression' || s.expression.type === 'ArrowFunctionExpression') throw new Unsupported('a statement starting with {');
        return [this.expr(s.expression, s, 'expression'), ';'];
      case 'IfStatement': {
        const test = this.expr(s.test, s, 'test');
        const consequent = this.path.with(s, 'consequent', () => this.statementInner(s.consequent));
        return group(['if (', group([indent([softline, test]), softline]), ')', indent([line, consequent])]);
      }
      case 'VariableDeclaration':
        return [this.variableDeclaration(s), ';'];
    }
  }

  /** prettier: print/variable-declaration (without the semicolon). */
  variableDeclaration(s: Extract<Statement, { type: 'VariableDeclaration' }>): Doc {
    if (s.declarations.length !== 1) throw new Unsupported('several declarators');
    const d = s.declarations[0]!;
    const declarator = this.path.with(s, 'declarations', () => this.declarator(d));
    return group([s.kind, ' ', declarator]);
  }

  private declarator(d: Declarator): Doc {
    const node = { type: 'VariableDeclarator', id: d.id, init: d.init };
    return this.path.with(node, '', () => {
      const left = this.pattern(d.id, node, 'id');
      return this.assignment(node, left, ' =', d.init, 'init');
    });
  }

  // ----- assignment layouts (prettier: print/assignment.js)

  assignment(node: Node & { type: string }, left: Doc, operator: Doc, right: Expr | TypeNode | undefined, rightKey: string): Doc {
    const layout = this.chooseLayout(node, left, right, rightKey);
    const rightDoc = right ? this.any(right, node, rightKey, layout) : '';
    switch (layout) {
      case 'break-after-operator':
        return group([group(left), operator, group(indent([line, rightDoc]))]);
      case 'never-break-after-operator':
        return group([group(left), operator, ' ', rightDoc]);
      case 'fluid': {
        const id = Symbol('assignment');
        return group([group(left), operator, group(indent(line), { id }), indentIfBreak(rightDoc, { groupId: id })]);
      }
      case 'break-lhs':
        return group([left, operator, ' ', group(rightDoc)]);
      case 'only-left':
        return left;
    }
  }

  private chooseLayout(node: Node & { type: string }, left: Doc, right: Expr | TypeNode | undefined, rightKey: string): 'break-after-operator' | 'never-break-after-operator' | 'fluid' | 'break-lhs' | 'only-left' {
    if (!right) return 'only-left';
    // The path's top is `node` itself; its parent is one further up.
    const parent = this.path.parent === node ? this.path.ancestor(1) : this.path.parent;
    if (right.type === 'AssignmentExpression') throw new Unsupported('an assignment chain');
    if (node.type === 'AssignmentExpression' && (parent?.type === 'VariableDeclarator' || parent?.type === 'AssignmentExpression')) {
      throw new Unsupported('an assignment chain');
    }
    if (right.type === 'TSUnionType' && !shouldHugUnion(right.types)) return 'break-after-operator';
    if (right.type === 'CallExpression' && right.callee.type === 'Identifier' && right.callee.name === 'require') return 'never-break-after-operator';
    const canBreakLeft = canBreak(left);
    if (node.type === 'VariableDeclarator') {
      const id = (node as unknown as { id: Pattern }).id;
      if (id.type === 'ObjectPattern' && id.properties.length > 2 && id.properties.some((p) => p.type === 'ObjectProperty' && !p.shorthand)) return 'break-lhs';
      if (id.type === 'Identifier' && id.typeAnnotation && hasComplexTypeAnnotation(id.typeAnnotation)) return 'break-lhs';
      if (right.type === 'ArrowFunctionExpression' && canBreakLeft) return 'break-lhs';
    }
    const hasShortKey = node.type === 'ObjectProperty' && typeof left === 'string' && stringWidth(left) < TAB_WIDTH + 3;
    if (this.shouldBreakAfterOperator(right, hasShortKey, node, rightKey)) return 'break-after-operator';
    if (
      !canBreakLeft &&
      (hasShortKey ||
        (right.type === 'BooleanLiteral' && node.type !== 'TSTypeParameter') ||
        (right.type === 'NumericLiteral' && node.type !== 'TSTypeParameter'))
    ) {
      return 'never-break-after-operator';
    }
    return 'fluid';
  }

  private shouldBreakAfterOperator(right: Expr | TypeNode, hasShortKey: boolean, node: Node, rightKey: string): boolean {
    if (isBinaryish(right)) {
      if (!shouldInlineLogical(right)) return true;
    }
    if (right.type === 'ConditionalExpression') {
      return isBinaryish(right.test) && !shouldInlineLogical(right.test);
    }
    if (hasShortKey) return false;
    let n: Expr | TypeNode = right;
    while (n.type === 'UnaryExpression' || n.type === 'AwaitExpression') n = n.argument;
    if (n.type === 'StringLiteral') return true;
    return this.path.with(node, rightKey, () => this.isPoorlyBreakableMemberOrCallChain(n, false));
  }

  private isPoorlyBreakableMemberOrCallChain(n: Expr | TypeNode, deep: boolean): boolean {
    if (n.type === 'CallExpression') {
      if (this.isMemberChainWithLabel(n)) return false;
      const args = n.arguments;
      const poor = args.length === 0 || (args.length === 1 && isLoneShortArgument(args[0]!));
      if (!poor) return false;
      return this.isPoorlyBreakableMemberOrCallChain(n.callee, true);
    }
    if (n.type === 'MemberExpression') return this.isPoorlyBreakableMemberOrCallChain(n.object, true);
    return deep && (n.type === 'Identifier' || n.type === 'ThisExpression');
  }

  /** Whether printing this call gives prettier's labelled member chain (the layout with a broken-out form). */
  private isMemberChainWithLabel(n: Extract<Expr, { type: 'CallExpression' }>): boolean {
    if (!isMember(n.callee)) return false;
    return this.memberChainGroups(n).length > this.memberChainCutoff(n);
  }

  // ----- any node by kind

  private any(n: Expr | TypeNode, parent: Node, key: string, layout?: string): Doc {
    if (isTypeNode(n)) return this.type(n, parent, key, layout);
    return this.expr(n, parent, key);
  }

  // ----- patterns

  pattern(p: Pattern, parent: Node, key: string): Doc {
    return this.path.with(parent, key, () => {
      if (p.type === 'Identifier') {
        const parts: Doc[] = [p.name];
        if (p.optional) parts.push('?');
        if (p.typeAnnotation) parts.push(': ', this.type(p.typeAnnotation, p, 'typeAnnotation'));
        return parts;
      }
      // ObjectPattern (prettier: print/object.js): in a declarator the assignment groups it.
      const props: Doc[] = p.properties.map((prop, i) => {
        const printed: Doc =
          prop.type === 'RestElement'
            ? ['...', (prop.argument as { name: string }).name]
            : prop.shorthand
              ? (prop.value as { name: string }).name
              : [printKey(prop.key), ': ', (prop.value as { name: string }).name];
        return i === 0 ? printed : [',', line, printed];
      });
      const hasRest = p.properties.some((q) => q.type === 'RestElement');
      const content = ['{', indent([line, ...props]), ifBreak(hasRest ? '' : ','), line, '}'];
      if (parent.type === 'VariableDeclarator') return content;
      if (key === 'params') throw new Unsupported('a destructured parameter');
      return group(content);
    });
  }

  // ----- expressions

  expr(e: Expr, parent: Node, key: string): Doc {
    // (An exception abandons the whole printer, so the path needs no unwinding.)
    const path = this.path;
    path.nodes.push(parent);
    path.keys.push(key);
    const doc = this.exprInner(e);
    const result = this.needsParens(e) ? ['(', doc, ')'] : doc;
    path.nodes.pop();
    path.keys.pop();
    return result;
  }

  private needsParens(e: Expr): boolean {
    const parent = this.path.parent;
    const key = this.path.key;
    if (!parent) return false;
    switch (e.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
        if ((key === 'object' && isMember(parent)) || (key === 'callee' && (isCall(parent) || parent.type === 'NewExpression'))) return true;
        if (isBinaryish(parent) || parent.type === 'UnaryExpression' || parent.type === 'AwaitExpression') return true;
        if (parent.type === 'ConditionalExpression' && key === 'test') throw new Unsupported('a cast as a condition');
        return false;
      case 'ConditionalExpression':
        if (isCast(parent) || (key === 'object' && isMember(parent)) || key === 'callee') return true;
        if (isBinaryish(parent) || parent.type === 'UnaryExpression' || parent.type === 'AwaitExpression' || parent.type === 'SpreadElement') return true;
        if (parent.type === 'ConditionalExpression' && key === 'test') return true;
        return false;
      case 'ArrowFunctionExpression':
        if (key === 'arguments' || key === 'init' || key === 'right' || key === 'value' || key === 'body') {
          if (parent.type === 'ArrowFunctionExpression' && key === 'body') throw new Unsupported('an arrow chain');
          return false;
        }
        return true;
      case 'AwaitExpression':
        if ((key === 'object' && isMember(parent)) || key === 'callee' || isCast(parent) || isBinaryish(parent) || parent.type === 'UnaryExpression') return true;
        return false;
      case 'BinaryExpression':
      case 'LogicalExpression':
        if (isBinaryish(parent)) throw new Unsupported('nested binary expressions');
        if ((key === 'object' && isMember(parent)) || key === 'callee' || isCast(parent) || parent.type === 'UnaryExpression' || parent.type === 'AwaitExpression') return true;
        return false;
      case 'UnaryExpression':
        if ((key === 'object' && isMember(parent)) || key === 'callee') return true;
        if (parent.type === 'UnaryExpression') throw new Unsupported('nested unary expressions');
        return false;
      case 'AssignmentExpression':
        if (parent.type !== 'ExpressionStatement') throw new Unsupported('an assignment inside an expression');
        return false;
      case 'ObjectExpression':
        if (parent.type === 'ArrowFunctionExpression' && key === 'body') return true;
        return false;
      default:
        return false;
    }
  }

  private exprInner(e: Expr): Doc {
    switch (e.type) {
      case 'Identifier':
        return e.name;
      case 'StringLiteral':
        return printString(e.raw);
      case 'NumericLiteral':
        if (!/^(0|[1-9][0-9]*)$/.test(e.raw)) throw new Unsupported(`the number ${e.raw}`);
        return e.raw;
      case 'BooleanLiteral':
        return e.value ? 'true' : 'false';
      case 'NullLiteral':
        return 'null';
      case 'ThisExpression':
        return 'this';
      case 'SpreadElement':
        return ['...', this.expr(e.argument, e, 'argument')];
      case 'UnaryExpression': {
        const arg = this.expr(e.argument, e, 'argument');
        return /[a-z]$/.test(e.operator) ? [e.operator, ' ', arg] : [e.operator, arg];
      }
      case 'AwaitExpression': {
        const parent = this.path.parent;
        if (isMember(parent) || isCall(parent)) throw new Unsupported('await in a chain');
        return ['await', ' ', this.expr(e.argument, e, 'argument')];
      }
      case 'TSAsExpression':
      case 'TSSatisfiesExpression': {
        // prettier: print/cast-expression (printBinaryCastExpression)
        const type = e.typeAnnotation.type === 'TSTypeReference' && e.typeAnnotation.typeName === 'const' && e.type === 'TSAsExpression' ? 'const' : this.type(e.typeAnnotation, e, 'typeAnnotation');
        const parts: Doc[] = [this.expr(e.expression, e, 'expression'), ' ', e.type === 'TSAsExpression' ? 'as' : 'satisfies', ' ', type];
        const parent = this.path.parent;
        const key = this.path.key;
        if ((key === 'callee' && (isCall(parent) || parent?.type === 'NewExpression')) || (key === 'object' && isMember(parent))) {
          return group([indent([softline, ...parts]), softline]);
        }
        return parts;
      }
      case 'MemberExpression':
        return this.memberExpression(e);
      case 'CallExpression':
      case 'NewExpression':
        return this.callExpression(e);
      case 'ObjectExpression':
        return this.objectExpression(e);
      case 'ArrayExpression':
        return this.arrayExpression(e);
      case 'ArrowFunctionExpression':
        return this.arrowFunction(e);
      case 'ConditionalExpression':
        return this.conditional(e);
      case 'BinaryExpression':
      case 'LogicalExpression':
        return this.binary(e);
      case 'AssignmentExpression':
        return this.path.with(e, '', () => this.assignment(e, this.expr(e.left, e, 'left'), [' ', e.operator], e.right, 'right'));
    }
  }

  // ----- members and calls (prettier: print/member.js, member-chain.js, call-expression.js, call-arguments.js)

  private lookup(m: Extract<Expr, { type: 'MemberExpression' }>): Doc {
    const optional = m.optional ? (m.computed ? '?.' : '?') : '';
    if (!m.computed) {
      const p = m.property;
      return [optional, '.', p.type === 'PrivateName' ? ['#', p.name] : this.expr(p as Expr, m, 'property')];
    }
    const property = this.expr(m.property as Expr, m, 'property');
    if (m.property.type === 'NumericLiteral') return [optional, '[', property, ']'];
    return group([optional, '[', indent([softline, property]), softline, ']']);
  }

  private memberExpression(m: Extract<Expr, { type: 'MemberExpression' }>): Doc {
    const objectDoc = this.expr(m.object, m, 'object');
    const lookup = this.path.with(m, '', () => this.lookup(m));
    const parent = this.path.parent;
    // The first ancestor that is not a member expression.
    let outer: Node | undefined;
    let child: Node = m;
    for (let i = 0; ; i++) {
      const a = this.path.ancestor(i);
      if (!a || !(isMember(a) && this.path.keyAt(i) === 'object')) {
        outer = a;
        break;
      }
      child = a;
    }
    const isNewCallee = outer?.type === 'NewExpression' && this.path.keyAt(this.path.nodes.indexOf(outer) >= 0 ? 0 : 0) === 'callee' && (outer as { callee: Node }).callee === child;
    const inline =
      (outer?.type === 'AssignmentExpression' && (outer as { left: Expr }).left.type !== 'Identifier') ||
      isNewCallee ||
      m.computed ||
      (m.object.type === 'Identifier' && m.property.type === 'Identifier' && !isMember(parent)) ||
      ((parent?.type === 'AssignmentExpression' || parent?.type === 'VariableDeclarator') && isCall(m.object) && m.object.arguments.length > 0);
    return [objectDoc, inline ? lookup : group(indent([softline, lookup]))];
  }

  private callExpression(c: Extract<Expr, { type: 'CallExpression' | 'NewExpression' }>): Doc {
    if (c.type === 'CallExpression' && c.callee.type === 'Identifier' && ['require', 'define', 'it', 'test', 'describe', 'beforeEach', 'afterEach'].includes(c.callee.name)) {
      throw new Unsupported(`a call of ${c.callee.name}`);
    }
    if (c.type === 'CallExpression' && isMember(c.callee)) return this.memberChain(c);
    const callee = this.expr(c.callee, c, 'callee');
    const parts: Doc[] = [c.type === 'NewExpression' ? 'new ' : '', callee, c.type === 'CallExpression' && c.optional ? '?.' : '', this.path.with(c, '', () => this.callArguments(c))];
    return isCall(c.callee) ? group(parts) : parts;
  }

  /** The printed nodes of a member chain, grouped as prettier's printMemberChain groups them. */
  private memberChainGroups(c: Extract<Expr, { type: 'CallExpression' }>): { node: Expr; printed: () => Doc }[][] {
    const printedNodes: { node: Expr; printed: () => Doc }[] = [];
    const walk = (n: Expr, parent: Node, key: string): void => {
      if (n.type === 'CallExpression' && (isMember(n.callee) || isCall(n.callee))) {
        printedNodes.unshift({ node: n, printed: () => [n.optional ? '?.' : '', this.path.with(parent, key, () => this.path.with(n, '', () => this.callArguments(n)))] });
        walk(n.callee, n, 'callee');
      } else if (isMember(n)) {
        printedNodes.unshift({ node: n, printed: () => this.path.with(parent, key, () => this.path.with(n, '', () => this.lookup(n))) });
        walk(n.object, n, 'object');
      } else {
        printedNodes.unshift({ node: n, printed: () => this.expr(n, parent, key) });
      }
    };
    printedNodes.unshift({ node: c, printed: () => [c.optional ? '?.' : '', this.path.with(c, '', () => this.callArguments(c))] });
    walk(c.callee, c, 'callee');

    const groups: (typeof printedNodes)[] = [];
    let current = [printedNodes[0]!];
    let i = 1;
    for (; i < printedNodes.length; i++) {
      const n = printedNodes[i]!.node;
      if (isCall(n) || (isMember(n) && n.computed && isMemberAccessLikeLiteral(n.property))) current.push(printedNodes[i]!);
      else break;
    }
    if (!isCall(printedNodes[0]!.node)) {
      for (; i + 1 < printedNodes.length; i++) {
        if (isMember(printedNodes[i]!.node) && isMember(printedNodes[i + 1]!.node)) current.push(printedNodes[i]!);
        else break;
      }
    }
    groups.push(current);
    current = [];
    let seenCall = false;
    for (; i < printedNodes.length; i++) {
      const n = printedNodes[i]!.node;
      if (seenCall && isMember(n)) {
        if (n.computed && isMemberAccessLikeLiteral(n.property)) {
          current.push(printedNodes[i]!);
          continue;
        }
        groups.push(current);
        current = [];
        seenCall = false;
      }
      if (isCall(n)) seenCall = true;
      current.push(printedNodes[i]!);
    }
    if (current.length > 0) groups.push(current);
    return groups;
  }

  private memberChainCutoff(c: Extract<Expr, { type: 'CallExpression' }>): number {
    const groups = this.memberChainGroups(c);
    const isExpressionStatement = this.path.parent?.type === 'ExpressionStatement';
    const isFactory = (name: string) => /^[A-Z]|^[$_]+$/.test(name);
    const isShort = (name: string) => name.length <= TAB_WIDTH;
    const shouldNotWrap = (): boolean => {
      const hasComputed = (groups[1]?.[0]?.node as { computed?: boolean } | undefined)?.computed === true;
      if (groups[0]!.length === 1) {
        const first = groups[0]![0]!.node;
        return first.type === 'ThisExpression' || (first.type === 'Identifier' && (isFactory(first.name) || (isExpressionStatement && isShort(first.name)) || hasComputed));
      }
      const last = groups[0]![groups[0]!.length - 1]!.node;
      return isMember(last) && last.property.type === 'Identifier' && (isFactory(last.property.name) || hasComputed);
    };
    const shouldMerge = groups.length >= 2 && groups[1]!.length > 0 && shouldNotWrap();
    return shouldMerge ? 3 : 2;
  }

  private memberChain(c: Extract<Expr, { type: 'CallExpression' }>): Doc {
    const groups = this.memberChainGroups(c);
    const cutoff = this.memberChainCutoff(c);
    const printed = groups.map((g) => g.map((p) => p.printed()));
    const parent = this.path.parent;
    const longCurried = this.path.key === 'callee' && isCall(parent);
    if (groups.length <= cutoff) return longCurried ? printed : group(printed);
    // The broken-out chain (one call per line) is not reproduced: print it only if it fits on one line.
    if (printed.some((p) => willBreak(p))) throw new Unsupported('a member chain with a forced break');
    const calls = groups.flat().filter((p) => isCall(p.node)) as { node: Extract<Expr, { type: 'CallExpression' }> }[];
    if (calls.length > 2 && calls.some((p) => p.node.arguments.some((a) => !isSimpleCallArgument(a, 0)))) throw new Unsupported('a member chain printed broken');
    return group(printed, { guard: true });
  }

  private callArguments(c: Extract<Expr, { type: 'CallExpression' | 'NewExpression' }>): Doc {
    const args = c.arguments;
    if (args.length === 0) return group(['(', ')']);
    const last = args.length - 1;
    const printedArgs: Doc[] = args.map((a, i) => {
      const doc = this.expr(a, c, 'arguments');
      return i === last ? doc : [doc, ',', line];
    });
    const allArgsBrokenOut = () => group(['(', indent([line, ...printedArgs]), ',', line, ')'], { shouldBreak: true });
    if (isFunctionCompositionArgs(args)) throw new Unsupported('function composition arguments');
    if (shouldExpandFirstArg(args)) throw new Unsupported('first-argument expansion');
    if (shouldExpandLastArg(args)) {
      const head = printedArgs.slice(0, -1);
      if (head.some(willBreak)) return allArgsBrokenOut();
      const lastArg = args[last]!;
      if (lastArg.type === 'ArrowFunctionExpression') throw new Unsupported('a last-argument function expansion');
      const lastDoc = this.expr(lastArg, c, 'arguments');
      if (willBreak(lastDoc)) {
        return [breakParent, conditionalGroup([['(', ...head, group(lastDoc, { shouldBreak: true }), ')'], allArgsBrokenOut()])];
      }
      return conditionalGroup([['(', ...head, lastDoc, ')'], ['(', ...head, group(lastDoc, { shouldBreak: true }), ')'], allArgsBrokenOut()]);
    }
    return group(['(', indent([softline, ...printedArgs]), ifBreak(','), softline, ')'], { shouldBreak: printedArgs.some(willBreak) });
  }

  // ----- objects and arrays (prettier: print/object.js, array.js, property.js)

  private objectExpression(o: ObjectExpression): Doc {
    if (o.properties.length === 0) return group(['{', '}']);
    const props: Doc[] = o.properties.map((p, i) => {
      let printed: Doc;
      let comments: Doc[] = [];
      if (p.type === 'SpreadElement') printed = ['...', this.expr(p.argument, p, 'argument')];
      else {
        comments = printComments(p.comments);
        if (p.shorthand) printed = this.expr(p.value, p, 'value');
        else {
          const key = printKey(p.key);
          printed = this.path.with(o, 'properties', () => this.path.with(p, '', () => this.assignment(p, key, ':', p.value, 'value')));
        }
      }
      return i === 0 ? [...comments, group(printed)] : [',', line, ...comments, group(printed)];
    });
    return group(['{', indent([line, ...props]), ifBreak(','), line, '}'], { shouldBreak: o.newlineAfterBrace });
  }

  private arrayExpression(a: Extract<Expr, { type: 'ArrayExpression' }>): Doc {
    const els = a.elements;
    if (els.length === 0) return group(['[', ']']);
    if (els.every((e) => e.type === 'NumericLiteral' || (e.type === 'UnaryExpression' && e.operator === '-' && e.argument.type === 'NumericLiteral'))) {
      throw new Unsupported('an array of numbers');
    }
    const shouldBreak =
      els.length > 1 &&
      els.every((e, i) => {
        if (e.type !== 'ObjectExpression' && e.type !== 'ArrayExpression') return false;
        const next = els[i + 1];
        if (next && next.type !== e.type) return false;
        return (e.type === 'ObjectExpression' ? e.properties.length : e.elements.length) > 1;
      });
    const parts: Doc[] = els.map((e, i) => (i === 0 ? group(this.expr(e, a, 'elements')) : [',', line, group(this.expr(e, a, 'elements'))]));
    return group(['[', indent([softline, ...parts, ifBreak(',')]), softline, ']'], { shouldBreak });
  }

  // ----- functions (prettier: print/arrow-function.js, function-parameters.js)

  private arrowFunction(f: Extract<Expr, { type: 'ArrowFunctionExpression' }>): Doc {
    const parent = this.path.parent;
    if (parent?.type === 'ArrowFunctionExpression') throw new Unsupported('an arrow chain');
    const params = this.path.with(f, '', () => this.parameters(f.params));
    const signature = group(group([params, '']), { id: Symbol('arrow-chain') });
    const body = f.body;
    if (body.type === 'ObjectExpression' || body.type === 'ArrayExpression' || body.type === 'ConditionalExpression' || body.type === 'ArrowFunctionExpression') {
      throw new Unsupported('an arrow function body of this kind');
    }
    const bodyDoc = this.expr(body, f, 'body');
    return group([signature, ' =>', group(indent([line, bodyDoc, '']))]);
  }

  /** Function parameters, without hugging (prettier: printFunctionParameters). */
  parameters(params: readonly Pattern[], defaults: readonly (Expr | undefined)[] = []): Doc {
    if (params.length === 0) return ['(', ')'];
    if (params.length === 1) {
      const p = params[0]!;
      if (p.type === 'ObjectPattern' || (p.type === 'Identifier' && p.typeAnnotation && isObjectType(p.typeAnnotation))) throw new Unsupported('a hugged parameter');
    }
    const printed = params.map((p, i) => {
      const d = defaults[i];
      const pattern = this.pattern(p, { type: 'Function' }, 'params');
      const doc = d === undefined ? pattern : [pattern, ' = ', this.expr(d, { type: 'AssignmentPattern' }, 'right')];
      return i === 0 ? doc : [',', line, doc];
    });
    return ['(', indent([softline, ...printed]), ifBreak(','), softline, ')'];
  }

  // ----- conditionals and binaries (prettier: print/ternary-old.js, binaryish.js)

  private conditional(e: Extract<Expr, { type: 'ConditionalExpression' }>): Doc {
    const parent = this.path.parent;
    const key = this.path.key;
    const isParentTest = parent?.type === 'ConditionalExpression' && key === 'test';
    const forceNoIndent = parent?.type === 'ConditionalExpression' && !isParentTest;
    const branch = (n: Expr, k: string) => align(2, this.expr(n, e, k));
    const consequentIsConditional = e.consequent.type === 'ConditionalExpression';
    const part: Doc[] = [
      line,
      '? ',
      consequentIsConditional ? ifBreak('', '(') : '',
      branch(e.consequent, 'consequent'),
      consequentIsConditional ? ifBreak('', ')') : '',
      line,
      ': ',
      branch(e.alternate, 'alternate'),
    ];
    const isAlternateOfParent = parent?.type === 'ConditionalExpression' && key === 'alternate';
    const parts: Doc = parent?.type !== 'ConditionalExpression' || isAlternateOfParent || isParentTest ? part : align(Math.max(0, TAB_WIDTH - 2), part);
    const testDoc = this.expr(e.test, e, 'test');
    const test = isAlternateOfParent ? align(2, testDoc) : testDoc;
    const breakClosingParen = isMember(parent) && !(parent as { computed: boolean }).computed;
    const extraIndent = this.shouldExtraIndentForConditional();
    const topOfChain = parent?.type !== 'ConditionalExpression';
    const contents: Doc = [test, forceNoIndent ? parts : indent(parts), breakClosingParen && !extraIndent ? softline : ''];
    const result = topOfChain ? group(contents) : contents;
    return isParentTest || extraIndent ? group([indent([softline, result]), softline]) : result;
  }

  /** prettier: shouldExtraIndentForConditionalExpression. */
  private shouldExtraIndentForConditional(): boolean {
    let child: Node | undefined;
    let i = 0;
    let parent = this.path.ancestor(0);
    let key = this.path.keyAt(0);
    child = undefined;
    let moved = false;
    for (;;) {
      if ((isCall(parent) && key === 'callee') || (isMember(parent) && key === 'object')) {
        child = parent;
        moved = true;
        i++;
        parent = this.path.ancestor(i);
        key = this.path.keyAt(i);
        continue;
      }
      if ((parent?.type === 'NewExpression' && key === 'callee') || (isCast(parent) && key === 'expression')) {
        child = parent;
        moved = true;
        i++;
        parent = this.path.ancestor(i);
        key = this.path.keyAt(i);
      }
      break;
    }
    if (!moved || !child || !parent) return false;
    const field: Record<string, string> = {
      AssignmentExpression: 'right',
      VariableDeclarator: 'init',
      ReturnStatement: 'argument',
      ThrowStatement: 'argument',
      UnaryExpression: 'argument',
      YieldExpression: 'argument',
      AwaitExpression: 'argument',
    };
    return field[parent.type] !== undefined && field[parent.type] === key;
  }

  private binary(e: Extract<Expr, { type: 'BinaryExpression' | 'LogicalExpression' }>): Doc {
    if (isBinaryish(e.left) || isBinaryish(e.right)) throw new Unsupported('a chain of binary expressions');
    const parent = this.path.parent;
    const inline = shouldInlineLogical(e);
    const right: Doc = inline ? [e.operator, ' ', this.expr(e.right, e, 'right')] : [e.operator, line, this.expr(e.right, e, 'right')];
    const parts: Doc[] = [group(this.expr(e.left, e, 'left')), ' ', group(right)];
    if (parent?.type === 'IfStatement' && this.path.key === 'test') return parts;
    if (parent?.type === 'ConditionalExpression' && this.path.key === 'test') {
      const gp = this.path.ancestor(1);
      if (gp?.type !== 'ReturnStatement' && gp?.type !== 'CallExpression' && gp?.type !== 'NewExpression') return group(parts);
    }
    if (parent?.type === 'ReturnStatement' || parent?.type === 'ArrowFunctionExpression') return group(parts);
    throw new Unsupported('a binary expression in this position');
  }

  // ----- types (prettier: print/type-annotation.js, union-type.js, typescript.js, type-parameters.js)

  type(t: TypeNode, parent: Node, key: string, layout?: string): Doc {
    const path = this.path;
    path.nodes.push(parent);
    path.keys.push(key);
    const needsParens = this.typeNeedsParens(t);
    const doc = this.typeInner(t, layout, needsParens);
    const result = needsParens ? ['(', doc, ')'] : doc;
    path.nodes.pop();
    path.keys.pop();
    return result;
  }

  private typeNeedsParens(t: TypeNode): boolean {
    const parent = this.path.parent;
    const key = this.path.key;
    switch (t.type) {
      case 'TSUnionType':
      case 'TSIntersectionType':
        if (parent?.type === 'TSArrayType' || (parent?.type === 'TSIndexedAccessType' && key === 'objectType') || parent?.type === 'TSTypeOperator') return true;
        if ((parent?.type === 'TSUnionType' || parent?.type === 'TSIntersectionType') && (parent as { types: unknown[] }).types.length > 1 && t.types.length > 1) return true;
        return false;
      case 'TSTypeOperator':
        return parent?.type === 'TSArrayType' || (parent?.type === 'TSIndexedAccessType' && key === 'objectType');
      default:
        return false;
    }
  }

  private typeInner(t: TypeNode, layout: string | undefined, parenthesized: boolean): Doc {
    switch (t.type) {
      case 'TSKeyword':
        return t.name;
      case 'TSLiteralType':
        return this.expr(t.literal, t, 'literal');
      case 'TSTypeReference':
        if (t.typeName === 'const') throw new Unsupported('const as a type');
        return [t.typeName, t.typeArguments ? this.typeArguments(t.typeArguments, t) : ''];
      case 'TSArrayType':
        return [this.type(t.elementType, t, 'elementType'), '[]'];
      case 'TSIndexedAccessType':
        return [this.type(t.objectType, t, 'objectType'), '[', this.type(t.indexType, t, 'indexType'), ']'];
      case 'TSTypeOperator':
        return [t.operator, ' ', this.type(t.typeAnnotation, t, 'typeAnnotation')];
      case 'TSIntersectionType': {
        // prettier: print/intersection-type.js
        const result: Doc[] = [];
        let wasIndented = false;
        t.types.forEach((m, i) => {
          const printed = this.type(m, t, 'types');
          if (i === 0) result.push(printed);
          else {
            const prevObject = isObjectType(t.types[i - 1]);
            const thisObject = isObjectType(m);
            if (!prevObject && !thisObject) result.push(indent([' &', line, printed]));
            else if (prevObject && thisObject) result.push([' & ', wasIndented ? indent(printed) : printed]);
            else {
              if (i > 1) wasIndented = true;
              result.push(' & ', i > 1 ? indent(printed) : printed);
            }
          }
        });
        return group(result);
      }
      case 'TSUnionType':
        return this.union(t, layout, parenthesized);
      case 'TSTypeLiteral':
        return this.typeLiteral(t);
      case 'TSMappedType': {
        // prettier: print/mapped-type.js
        const inner = group(['[', indent([softline, t.key, ' in ', this.type(t.constraint, t, 'constraint')]), softline, ']']);
        const body: Doc = [t.readonly ? ['readonly', ' '] : '', inner, t.optional ? '?' : '', ': ', this.type(t.typeAnnotation, t, 'typeAnnotation')];
        return group(['{', indent([line, group(body), ifBreak(';')]), line, '}']);
      }
    }
  }

  private union(t: { type: 'TSUnionType'; types: TypeNode[] }, layout: string | undefined, parenthesized: boolean): Doc {
    if (shouldHugUnion(t.types)) return join(' | ', t.types.map((m) => this.type(m, t, 'types')));
    const parts = group(t.types.map((m, i) => [i === 0 ? ifBreak('| ') : [line, '| '], align(2, this.type(m, t, 'types'))]));
    if (parenthesized) return group([indent([softline, parts]), softline]);
    if (layout === 'break-after-operator' || !this.unionShouldIndent()) return parts;
    return group(indent([softline, parts]));
  }

  private unionShouldIndent(): boolean {
    const parent = this.path.parent;
    const key = this.path.key;
    if (key === 'params' && parent?.type === 'TSTypeParameterInstantiation') return false;
    return true;
  }

  private typeArguments(args: readonly TypeNode[], parent: Node): Doc {
    const node = { type: 'TSTypeParameterInstantiation', params: args };
    return this.path.with(parent, 'typeArguments', () => {
      if (args.length === 1 && shouldHugType(args[0]!)) return ['<', this.type(args[0]!, node, 'params'), '>'];
      const printed = args.map((a, i) => (i === 0 ? this.type(a, node, 'params') : [',', line, this.type(a, node, 'params')]));
      return group(['<', indent([softline, ...printed]), softline, '>']);
    });
  }

  /** Type parameters of a declaration: `<K extends keyof X, V>`. */
  typeParameters(params: readonly { name: string; constraint?: TypeNode }[]): Doc {
    if (params.length === 0) return '';
    const printed = params.map((p, i) => {
      const node = { type: 'TSTypeParameter', name: p.name, constraint: p.constraint };
      const doc = p.constraint ? this.path.with(node, '', () => this.assignment(node, p.name, ' extends', p.constraint, 'constraint')) : group(p.name);
      return i === 0 ? doc : [',', line, doc];
    });
    return group(['<', indent([softline, ...printed]), ifBreak(','), softline, '>']);
  }

  private typeLiteral(t: Extract<TypeNode, { type: 'TSTypeLiteral' }>): Doc {
    if (t.members.length === 0) return ['{', '}'];
    const members: Doc[] = t.members.map((m, i) => {
      const printed = [...printComments(m.comments), group(this.propertySignature(m, t))];
      return i === 0 ? printed : [';', line, printed];
    });
    return group(['{', indent([line, ...members]), ifBreak(';'), line, '}'], { shouldBreak: t.newlineAfterBrace });
  }

  /** A property signature of a type literal or an interface (without the separator). */
  propertySignature(m: PropertySignature, parent: Node): Doc {
    return this.path.with(parent, 'members', () => [m.readonly ? 'readonly ' : '', printKey(m.key), m.optional ? '?' : '', ': ', this.type(m.typeAnnotation, m, 'typeAnnotation')]);
  }

  /** A return type annotation: `: T`. */
  returnType(t: TypeNode | undefined, fn: Node): Doc {
    if (!t) return '';
    return [': ', this.type(t, fn, 'returnType')];
  }
}

function isTypeNode(n: Expr | TypeNode): n is TypeNode {
  return n.type.startsWith('TS') && n.type !== 'TSAsExpression' && n.type !== 'TSSatisfiesExpression';
}

function hasComplexTypeAnnotation(t: TypeNode): boolean {
  if (t.type !== 'TSTypeReference' || !t.typeArguments || t.typeArguments.length < 2) return false;
  return t.typeArguments.some((a) => a.type === 'TSTypeReference' && a.typeArguments !== undefined && a.typeArguments.length > 0);
}

function shouldInlineLogical(e: Expr | TypeNode): boolean {
  if (e.type !== 'LogicalExpression') return false;
  if (e.right.type === 'ObjectExpression' && e.right.properties.length > 0) return true;
  if (e.right.type === 'ArrayExpression' && e.right.elements.length > 0) return true;
  return false;
}

function isMemberAccessLikeLiteral(p: Expr | PrivateName): boolean {
  return p.type === 'StringLiteral' || p.type === 'NumericLiteral';
}

function isLoneShortArgument(a: Expr): boolean {
  const threshold = PRINT_WIDTH * 0.25;
  switch (a.type) {
    case 'ThisExpression':
      return true;
    case 'Identifier':
      return a.name.length <= threshold;
    case 'StringLiteral':
      return printString(a.raw).length <= threshold;
    case 'UnaryExpression':
      return isLoneShortArgument(a.argument);
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return true;
    case 'CallExpression':
      return a.arguments.length === 0 && a.callee.type === 'Identifier' && a.callee.name.length <= threshold - 2;
    default:
      return false;
  }
}

/** prettier: isSimpleCallArgument (the cases the printers here meet). */
function isSimpleCallArgument(a: Expr, depth: number): boolean {
  switch (a.type) {
    case 'Identifier':
    case 'ThisExpression':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return true;
    case 'ObjectExpression':
      return a.properties.every((p) => p.type !== 'SpreadElement' && !p.shorthand && isSimpleCallArgument(p.value, depth));
    case 'ArrayExpression':
      return a.elements.every((e) => isSimpleCallArgument(e, depth));
    case 'UnaryExpression':
      return (a.operator === '!' || a.operator === '-') && isSimpleCallArgument(a.argument, depth);
    case 'MemberExpression': {
      let n: Expr = a;
      while (n.type === 'MemberExpression') {
        if (n.computed && !isSimpleCallArgument(n.property as Expr, depth)) return false;
        n = n.object;
      }
      return n.type === 'Identifier' || n.type === 'ThisExpression';
    }
    case 'CallExpression':
    case 'NewExpression':
      return depth < 2 && isSimpleCallArgument(a.callee, depth) && a.arguments.every((x) => isSimpleCallArgument(x, depth + 1));
    default:
      return false;
  }
}

function isFunctionCompositionArgs(args: readonly Expr[]): boolean {
  if (args.length <= 1) return false;
  let functions = 0;
  for (const a of args) {
    if (a.type === 'ArrowFunctionExpression') {
      functions++;
      if (functions > 1) return true;
    } else if (a.type === 'CallExpression') {
      for (const inner of a.arguments) if (inner.type === 'ArrowFunctionExpression') return true;
    }
  }
  return false;
}

function shouldExpandFirstArg(args: readonly Expr[]): boolean {
  // Only a function expression or a block-bodied arrow first (neither is in the subset).
  return false && args.length === 2;
}

function couldExpandArg(a: Expr): boolean {
  if (a.type === 'ObjectExpression' && a.properties.length > 0) return true;
  if (a.type === 'ArrayExpression' && a.elements.length > 0) return true;
  if (isCast(a)) return couldExpandArg(a.expression);
  if (a.type === 'ArrowFunctionExpression') {
    const b = a.body;
    if (b.type === 'ObjectExpression' || b.type === 'ArrayExpression' || b.type === 'ConditionalExpression' || b.type === 'CallExpression') return true;
    if (b.type === 'ArrowFunctionExpression') throw new Unsupported('an arrow chain argument');
  }
  return false;
}

function shouldExpandLastArg(args: readonly Expr[]): boolean {
  const last = args[args.length - 1]!;
  const penultimate = args[args.length - 2];
  return (
    couldExpandArg(last) &&
    (!penultimate || penultimate.type !== last.type) &&
    (args.length !== 2 || penultimate!.type !== 'ArrowFunctionExpression' || last.type !== 'ArrayExpression')
  );
}
