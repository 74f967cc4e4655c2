/**
 * Builds the IR from raw records: resolves every QName through one map per symbol space,
 * gives anonymous types ids, recognises the WCF conventions and assembles bindings and
 * operations. Throws a located GeneratorError for the first reference it cannot resolve
 * (lenient reading: repairs what it can, each repair reported).
 *
 * The passes run in the order below over one symbol table (symbols.ts). Types are defined from
 * a work list, never by recursing along references.
 */
import path from 'node:path';
import { compact } from '../compact.ts';
import { GeneratorError } from '../errors.ts';
import type { Leniency } from '../lenient.ts';
import { qnameKey, type Model } from '../model.ts';
import type { RawContract } from '../parse/raw.ts';
import { buildBindings, buildServices } from './bindings.ts';
import { addConventions } from './conventions.ts';
import { declareSchemas, definePending } from './define-types.ts';
import { checkDerivations, inheritSimpleContent } from './inheritance.ts';
import { keepMixedContentRaw } from './mixed-content.ts';
import { checkImports, compare, indexSchemas, indexWsdls, symbolTable } from './symbols.ts';

export function buildModel(raw: RawContract, source: string, lenient?: Leniency): Model {
  const table = symbolTable(raw, lenient);
  // Schemas: index, declare, define every type reached, then the passes over whole chains.
  indexSchemas(table);
  checkImports(table);
  const { elements, attributes } = declareSchemas(table);
  definePending(table);
  inheritSimpleContent(table);
  keepMixedContentRaw(table);
  addConventions(table);
  checkDerivations(table);

  // WSDL: bindings with their operations and messages, then the services that expose them.
  const wsdl = raw.wsdls[0];
  if (!wsdl) throw new GeneratorError('NOT_A_CONTRACT', `${source} holds no wsdl:definitions`, raw.schemas[0]?.location);
  indexWsdls(table);
  const bindings = buildBindings(table);
  const services = buildServices(table, bindings);
  definePending(table); // nothing new in practice: message parts name types the schemas declared

  return compact({
    kind: 'model' as const,
    source,
    name: wsdl.name ?? services[0]?.name.name ?? path.basename(source).replace(/\.[^.]*$/, ''),
    targetNamespace: wsdl.targetNamespace,
    documentation: wsdl.documentation,
    services,
    bindings,
    types: [...table.types.values()].sort((a, b) => compare(a.id, b.id)),
    elements: [...elements, ...table.madeUpElements.values()].sort((a, b) => compare(qnameKey(a.name), qnameKey(b.name))),
    attributes: attributes.sort((a, b) => compare(qnameKey(a.name), qnameKey(b.name))),
  });
}
