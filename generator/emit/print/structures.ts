/**
 * A source file of ts-morph statement structures, printed as prettier formats what ts-morph
 * writes for them: ts-morph decides the order of members, the blank lines and the JSDoc
 * comments; prettier (reproduced by ts-print.ts and doc.ts) decides everything else. Any
 * structure property this printer does not know throws `Unsupported`.
 */
import type {
  ClassDeclarationStructure,
  ConstructorDeclarationStructure,
  ExportDeclarationStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  MethodDeclarationStructure,
  MethodSignatureStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  PropertyDeclarationStructure,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  TypeParameterDeclarationStructure,
  VariableStatementStructure,
} from 'ts-morph';
import { StructureKind } from '../kinds.ts';
import { group, hardline, ifBreak, indent, join, line, printDoc, Unsupported, willBreak, type Doc } from './doc.ts';
import { printDataDeclaration, scanData } from './literal.ts';
import { parseExpression, parseStatements, parseType, type Expr, type Pattern, type TypeNode } from './ts-parse.ts';
import { PRINT_WIDTH, printBlockComment, printString, TsPrinter } from './ts-print.ts';

const PRINT_OPTIONS = { printWidth: PRINT_WIDTH, tabWidth: 2 };

/** A statement already printed (see printDataDeclaration). */
class Printed {
  constructor(
    readonly docs: Doc[],
    readonly text: string,
  ) {}
}

type Docs = (OptionalKind<JSDocStructure> | string)[] | undefined;

/** Properties of a structure that are allowed (with the values the printer understands). */
function allow(structure: object, known: readonly string[], what: string): void {
  for (const k in structure) {
    const v = (structure as Record<string, unknown>)[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0) || v === false) continue;
    if (!known.includes(k)) throw new Unsupported(`${what}.${k}`);
  }
}

/** The comment ts-morph writes for a doc (JSDocStructurePrinter), as prettier prints it. */
function jsDoc(doc: OptionalKind<JSDocStructure> | string): Doc {
  if (typeof doc !== 'string') {
    allow(doc, ['kind', 'description'], 'JSDoc');
    if (typeof doc.description !== 'string') throw new Unsupported('a JSDoc written by a function');
    return jsDoc(doc.description);
  }
  if (doc.includes('*/')) throw new Unsupported('"*/" in a doc comment');
  const lines = doc.split(/\r?\n/);
  const start = lines[0]!.length === 0 ? 1 : 0;
  let text: string;
  if (lines.length <= 1) {
    text = `/** ${lines[start] ?? ''}`;
    text += text.endsWith(' ') ? '*/' : ' */';
  } else {
    text = '/**\n';
    for (let i = start; i < lines.length; i++) text += ` *${lines[i]!.length > 0 ? ` ${lines[i]}` : ''}\n`;
    text += ' */';
  }
  return printBlockComment(text);
}

function leadingDocs(docs: Docs): Doc[] {
  const out: Doc[] = [];
  for (const d of docs ?? []) out.push(jsDoc(d), hardline);
  return out;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Unsupported(`${what} written by a function`);
  return value;
}

/** A name as ts-morph writes it (verbatim), as a property key. */
function keyOf(name: string): Expr {
  if (/^["']/.test(name)) {
    const e = parseExpression(name);
    if (e.type !== 'StringLiteral') throw new Unsupported(`the name ${name}`);
    return e;
  }
  if (!/^#?[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new Unsupported(`the name ${name}`);
  return { type: 'Identifier', name };
}

function quoted(specifier: string): string {
  return printString(JSON.stringify(specifier));
}

function isBlankLineKind(kind: number | undefined): boolean {
  return kind === StructureKind.Function || kind === StructureKind.Class || kind === StructureKind.Interface;
}

export class FilePrinter {
  private readonly ts = new TsPrinter();
  /** Parsed types by their text: the same few types recur on every member and parameter. */
  private readonly types = new Map<string, TypeNode>();

  private parseType(src: string): TypeNode {
    let t = this.types.get(src);
    if (!t) this.types.set(src, (t = parseType(src)));
    return t;
  }

  /** The file: the banner comment, a blank line, the statements. */
  print(banner: string, statements: readonly (StatementStructures | string)[]): string {
    if (!banner.startsWith('//') || banner.includes('\n')) throw new Unsupported('a banner other than one line comment');
    // Top-level statements are separated by hard lines, so each prints on its own.
    const parts: string[] = [banner.trimEnd(), '\n\n'];
    let previous: number | undefined;
    statements.forEach((s, i) => {
      if (typeof s === 'string') throw new Unsupported('a statement written as text');
      if (i > 0) parts.push(isBlankLineKind(s.kind) || isBlankLineKind(previous) ? '\n\n' : '\n');
      const doc = this.statement(s);
      if (doc instanceof Printed) parts.push(doc.docs.length > 0 ? printDoc(doc.docs, PRINT_OPTIONS) : '', doc.text);
      else parts.push(printDoc(doc, PRINT_OPTIONS));
      previous = s.kind;
    });
    parts.push('\n');
    return parts.join('');
  }

  private statement(s: StatementStructures): Doc | Printed {
    switch (s.kind) {
      case StructureKind.ImportDeclaration:
        return this.importDeclaration(s);
      case StructureKind.ExportDeclaration:
        return this.exportDeclaration(s);
      case StructureKind.VariableStatement:
        return this.variableStatement(s);
      case StructureKind.TypeAlias:
        return this.typeAlias(s);
      case StructureKind.Interface:
        return this.interfaceDeclaration(s);
      case StructureKind.Function:
        return this.functionDeclaration(s);
      case StructureKind.Class:
        return this.classDeclaration(s);
      default:
        throw new Unsupported(`a statement of kind ${s.kind}`);
    }
  }

  // ----- modules (prettier: print/module.js)

  private specifiers(names: readonly (string | { name: string })[], what: string): Doc {
    const printed = names.map((n) => {
      if (typeof n !== 'string') {
        allow(n, ['kind', 'name'], what);
        return n.name;
      }
      return n;
    });
    for (const n of printed) if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(n)) throw new Unsupported(`the specifier ${n}`);
    if (printed.length === 1) return ['{', ' ', printed[0]!, ' ', '}'];
    return group(['{', indent([line, join([',', line], printed)]), ifBreak(','), line, '}']);
  }

  private importDeclaration(s: ImportDeclarationStructure): Doc {
    allow(s, ['kind', 'isTypeOnly', 'moduleSpecifier', 'namedImports'], 'ImportDeclaration');
    const names = s.namedImports;
    if (!Array.isArray(names) || names.length === 0) throw new Unsupported('an import without named imports');
    return ['import', s.isTypeOnly ? ' type' : '', ' ', this.specifiers(names as (string | { name: string })[], 'ImportSpecifier'), ' from', ' ', quoted(s.moduleSpecifier), ';'];
  }

  private exportDeclaration(s: ExportDeclarationStructure): Doc {
    allow(s, ['kind', 'moduleSpecifier', 'namedExports'], 'ExportDeclaration');
    if (s.moduleSpecifier === undefined) throw new Unsupported('an export without a module');
    const names = s.namedExports;
    if (names === undefined || (Array.isArray(names) && names.length === 0)) return ['export', ' *', ' from', ' ', quoted(s.moduleSpecifier), ';'];
    if (!Array.isArray(names)) throw new Unsupported('named exports written by a function');
    return ['export', ' ', this.specifiers(names as (string | { name: string })[], 'ExportSpecifier'), ' from', ' ', quoted(s.moduleSpecifier), ';'];
  }

  // ----- declarations

  private variableStatement(s: VariableStatementStructure): Doc | Printed {
    allow(s, ['kind', 'isExported', 'declarationKind', 'declarations', 'docs'], 'VariableStatement');
    if (s.declarations.length !== 1) throw new Unsupported('several declarations');
    const d = s.declarations[0]!;
    allow(d, ['kind', 'name', 'type', 'initializer'], 'VariableDeclaration');
    const id: Pattern = { type: 'Identifier', name: d.name, ...(d.type !== undefined ? { typeAnnotation: this.parseType(text(d.type, 'a type')) } : {}) };
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(d.name)) throw new Unsupported(`the variable ${d.name}`);
    const kind = s.declarationKind ?? 'let';
    if (d.initializer !== undefined) {
      const scanned = this.scannedDataDeclaration(s.isExported === true, kind, id, text(d.initializer, 'an initializer'));
      if (scanned !== undefined) return new Printed(leadingDocs(s.docs), scanned);
    }
    const init = d.initializer !== undefined ? parseExpression(text(d.initializer, 'an initializer')) : undefined;
    const data = init && this.dataDeclaration(s.isExported === true, kind, id, init);
    if (data !== undefined) return new Printed(leadingDocs(s.docs), data);
    const decl = this.ts.variableDeclaration({ type: 'VariableDeclaration', kind, declarations: [{ id, init }] });
    return [...leadingDocs(s.docs), s.isExported ? ['export', ' '] : '', decl, ';'];
  }

  /** A data-literal initializer read straight from its text (literal.ts scanData), or undefined. */
  private scannedDataDeclaration(exported: boolean, kind: string, id: Pattern, src: string): string | undefined {
    const scanned = scanData(src);
    if (!scanned || scanned.value.k === 'scalar') return undefined;
    const rest = src.slice(scanned.end).trim();
    let tail: string;
    if (rest === '') tail = ';';
    else if (rest === 'as const') tail = ' as const;';
    else {
      const m = /^as const satisfies ([\s\S]+)$/.exec(rest);
      if (!m) return undefined;
      const type = this.parseType(m[1]!);
      if (type.type !== 'TSTypeReference') return undefined;
      tail = ` as const satisfies ${printDoc(this.ts.type(type, { type: 'TSSatisfiesExpression' }, 'typeAnnotation'), { printWidth: Infinity, tabWidth: 2 })};`;
    }
    const head = this.declarationHead(exported, kind, id);
    return head === undefined ? undefined : printDataDeclaration(head, scanned.value, tail);
  }

  private declarationHead(exported: boolean, kind: string, id: Pattern): string | undefined {
    if (id.type !== 'Identifier') return undefined;
    const type = id.typeAnnotation;
    if (type && !(type.type === 'TSTypeReference' && !type.typeArguments) && !(type.type === 'TSMappedType' || type.type === 'TSTypeLiteral')) return undefined;
    const typeText = type ? `: ${printDoc(this.ts.type(type, id, 'typeAnnotation'), { printWidth: Infinity, tabWidth: 2 })}` : '';
    if (typeText.includes('\n')) return undefined;
    return `${exported ? 'export ' : ''}${kind} ${id.name}${typeText} = `;
  }

  /** `const name: Type = <data literal>;` printed directly (literal.ts), or undefined. */
  private dataDeclaration(exported: boolean, kind: string, id: Pattern, init: Expr): string | undefined {
    if (id.type !== 'Identifier') return undefined;
    let literal = init;
    let tail = ';';
    if (literal.type === 'TSSatisfiesExpression' && literal.typeAnnotation.type === 'TSTypeReference') {
      tail = ` satisfies ${printDoc(this.ts.type(literal.typeAnnotation, literal, 'typeAnnotation'), { printWidth: Infinity, tabWidth: 2 })};`;
      literal = literal.expression;
    }
    if (literal.type === 'TSAsExpression' && literal.typeAnnotation.type === 'TSTypeReference' && literal.typeAnnotation.typeName === 'const') {
      tail = ` as const${tail}`;
      literal = literal.expression;
    }
    if (literal.type !== 'ObjectExpression' && literal.type !== 'ArrayExpression') return undefined;
    const head = this.declarationHead(exported, kind, id);
    return head === undefined ? undefined : printDataDeclaration(head, literal, tail);
  }

  private typeAlias(s: TypeAliasDeclarationStructure): Doc {
    allow(s, ['kind', 'name', 'type', 'isExported', 'docs'], 'TypeAlias');
    const node = { type: 'TSTypeAliasDeclaration' };
    const type = this.parseType(text(s.type, 'a type'));
    const decl = this.ts.assignment(node, ['type ', s.name], ' =', type, 'typeAnnotation');
    return [...leadingDocs(s.docs), s.isExported ? ['export', ' '] : '', decl, ';'];
  }

  private typeParameters(params: readonly (OptionalKind<TypeParameterDeclarationStructure> | string)[] | undefined): Doc {
    if (!params || params.length === 0) return '';
    return this.ts.typeParameters(
      params.map((p) => {
        if (typeof p === 'string') return { name: p };
        allow(p, ['kind', 'name', 'constraint'], 'TypeParameter');
        return { name: p.name, ...(p.constraint !== undefined ? { constraint: this.parseType(text(p.constraint, 'a constraint')) } : {}) };
      }),
    );
  }

  private interfaceDeclaration(s: InterfaceDeclarationStructure): Doc {
    allow(s, ['kind', 'name', 'isExported', 'docs', 'extends', 'typeParameters', 'properties', 'methods'], 'Interface');
    const ext = s.extends;
    let heritage: Doc = '';
    if (ext !== undefined && !(Array.isArray(ext) && ext.length === 0)) {
      const list = Array.isArray(ext) ? ext : [ext];
      if (list.length !== 1) throw new Unsupported('an interface extending several types');
      heritage = [' ', 'extends ', this.ts.type(this.parseType(text(list[0], 'extends')), { type: 'TSInterfaceDeclaration' }, 'extends')];
    }
    const members: Doc[] = [];
    for (const p of s.properties ?? []) members.push(this.propertySignature(p));
    for (const m of s.methods ?? []) members.push(this.methodSignature(m));
    const body: Doc = members.length === 0 ? ['{', '}'] : ['{', indent([hardline, join(hardline, members)]), hardline, '}'];
    return [...leadingDocs(s.docs), s.isExported ? ['export', ' '] : '', 'interface', ' ', s.name, this.typeParameters(s.typeParameters), heritage, ' ', body];
  }

  private propertySignature(p: OptionalKind<PropertySignatureStructure>): Doc {
    allow(p, ['kind', 'name', 'type', 'hasQuestionToken', 'isReadonly', 'docs'], 'PropertySignature');
    const node = {
      type: 'TSPropertySignature' as const,
      key: keyOf(p.name),
      optional: p.hasQuestionToken === true,
      readonly: p.isReadonly === true,
      typeAnnotation: this.parseType(text(p.type, 'a type')),
      comments: [],
    };
    return [...leadingDocs(p.docs), group(this.ts.propertySignature(node, { type: 'TSInterfaceBody' })), ';'];
  }

  private parameters(params: readonly OptionalKind<ParameterDeclarationStructure>[] | undefined): { docs: Doc; count: number } {
    const patterns: Pattern[] = [];
    const defaults: (Expr | undefined)[] = [];
    for (const p of params ?? []) {
      allow(p, ['kind', 'name', 'type', 'initializer', 'hasQuestionToken'], 'Parameter');
      if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p.name)) throw new Unsupported(`the parameter ${p.name}`);
      patterns.push({
        type: 'Identifier',
        name: p.name,
        ...(p.hasQuestionToken ? { optional: true } : {}),
        ...(p.type !== undefined ? { typeAnnotation: this.parseType(text(p.type, 'a type')) } : {}),
      });
      defaults.push(p.initializer !== undefined ? parseExpression(text(p.initializer, 'an initializer')) : undefined);
    }
    for (const d of defaults) {
      // `name: T = value`: only an empty object or a simple literal is printed here.
      if (d && !((d.type === 'ObjectExpression' && d.properties.length === 0) || d.type === 'StringLiteral' || d.type === 'NumericLiteral' || d.type === 'BooleanLiteral' || d.type === 'NullLiteral' || d.type === 'Identifier')) {
        throw new Unsupported('a parameter default of this kind');
      }
    }
    return { docs: this.ts.parameters(patterns, defaults), count: patterns.length };
  }

  private signature(params: readonly OptionalKind<ParameterDeclarationStructure>[] | undefined, returnType: unknown, typeParams: Doc): Doc {
    const { docs, count } = this.parameters(params);
    const returnNode = returnType !== undefined ? this.parseType(text(returnType, 'a return type')) : undefined;
    const returnDoc = this.ts.returnType(returnNode, { type: 'FunctionDeclaration' });
    const groupParams = count === 1 && typeParams === '' && returnNode !== undefined && (returnNode.type === 'TSTypeLiteral' || returnNode.type === 'TSMappedType' || willBreak(returnDoc));
    return [typeParams, group([groupParams ? group(docs) : docs, returnDoc])];
  }

  private block(statements: unknown): Doc {
    if (statements === undefined) return ['{', '}'];
    if (!Array.isArray(statements)) throw new Unsupported('statements written by a function');
    const docs: Doc[] = [];
    let previousEndsWithBrace = false;
    for (const s of statements) {
      const src = text(s, 'a statement');
      const parsed = parseStatements(src);
      parsed.forEach((p, i) => {
        if (docs.length > 0) {
          docs.push(hardline);
          if (i === 0 && previousEndsWithBrace) docs.push(hardline);
        }
        docs.push(this.ts.statement(p));
      });
      previousEndsWithBrace = src.trimEnd().endsWith('}');
    }
    if (docs.length === 0) return ['{', '}'];
    return ['{', indent([hardline, ...docs]), hardline, '}'];
  }

  private functionDeclaration(s: FunctionDeclarationStructure): Doc {
    allow(s, ['kind', 'name', 'isExported', 'isAsync', 'docs', 'parameters', 'returnType', 'statements', 'typeParameters'], 'Function');
    if (!s.name) throw new Unsupported('an anonymous function');
    return [
      ...leadingDocs(s.docs),
      s.isExported ? ['export', ' '] : '',
      s.isAsync ? 'async ' : '',
      'function',
      ' ',
      s.name,
      this.signature(s.parameters, s.returnType, this.typeParameters(s.typeParameters)),
      ' ',
      this.block(s.statements),
    ];
  }

  private methodSignature(m: OptionalKind<MethodSignatureStructure>): Doc {
    allow(m, ['kind', 'name', 'hasQuestionToken', 'docs', 'parameters', 'returnType'], 'MethodSignature');
    const { docs } = this.parameters(m.parameters);
    const returnNode = m.returnType !== undefined ? this.parseType(text(m.returnType, 'a return type')) : undefined;
    const returnDoc = returnNode ? group([':', ' ', this.ts.type(returnNode, { type: 'TSMethodSignature' }, 'returnType')]) : '';
    return [...leadingDocs(m.docs), group([text(m.name, 'a name'), m.hasQuestionToken ? '?' : '', docs, returnDoc]), ';'];
  }

  private classDeclaration(s: ClassDeclarationStructure): Doc {
    allow(s, ['kind', 'name', 'isExported', 'docs', 'properties', 'ctors', 'methods'], 'Class');
    if (!s.name) throw new Unsupported('an anonymous class');
    const members: Doc[] = [];
    (s.properties ?? []).forEach((p, i) => {
      if (i > 0) members.push(hardline);
      members.push(this.classProperty(p));
    });
    for (const c of s.ctors ?? []) {
      if (members.length > 0) members.push(hardline, hardline);
      members.push(this.constructorDeclaration(c));
    }
    (s.methods ?? []).forEach((m) => {
      if (members.length > 0) members.push(hardline, hardline);
      members.push(this.method(m));
    });
    const body: Doc = members.length === 0 ? ['{', '}'] : ['{', indent([hardline, ...members]), hardline, '}'];
    return [...leadingDocs(s.docs), s.isExported ? ['export', ' '] : '', 'class', ' ', s.name, ' ', body];
  }

  private classProperty(p: OptionalKind<PropertyDeclarationStructure>): Doc {
    allow(p, ['kind', 'name', 'type', 'isReadonly', 'scope', 'hasQuestionToken', 'docs'], 'Property');
    const name = text(p.name, 'a name');
    let key: Doc;
    if (name.startsWith('#')) {
      if (!/^#[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new Unsupported(`the name ${name}`);
      key = ['#', name.slice(1)];
    } else {
      const k = keyOf(name);
      // A quoted class property name stays quoted (prettier keeps it for babel-ts).
      key = k.type === 'StringLiteral' ? printString(k.raw) : name;
    }
    const type = p.type !== undefined ? [': ', this.ts.type(this.parseType(text(p.type, 'a type')), { type: 'ClassProperty' }, 'typeAnnotation')] : '';
    return [...leadingDocs(p.docs), p.scope ? `${p.scope} ` : '', p.isReadonly ? 'readonly ' : '', key, p.hasQuestionToken ? '?' : '', type, ';'];
  }

  private constructorDeclaration(c: OptionalKind<ConstructorDeclarationStructure>): Doc {
    allow(c, ['kind', 'parameters', 'statements', 'docs'], 'Constructor');
    return [...leadingDocs(c.docs), 'constructor', this.signature(c.parameters, undefined, ''), ' ', this.block(c.statements)];
  }

  private method(m: OptionalKind<MethodDeclarationStructure>): Doc {
    allow(m, ['kind', 'name', 'scope', 'isAsync', 'docs', 'parameters', 'returnType', 'statements', 'typeParameters'], 'Method');
    return [
      ...leadingDocs(m.docs),
      m.scope ? `${m.scope} ` : '',
      m.isAsync ? 'async ' : '',
      text(m.name, 'a name'),
      this.signature(m.parameters, m.returnType, this.typeParameters(m.typeParameters)),
      ' ',
      this.block(m.statements),
    ];
  }
}

export type { TypeNode };
