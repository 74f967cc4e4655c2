/**
 * The WSDL side: SOAP bindings with their operations (each input, output and fault read through
 * messages.ts), and services with the ports of the bindings that are generated.
 */
import { compact } from '../compact.ts';
import { GeneratorError } from '../errors.ts';
import { qnameKey, type Binding, type FaultUse, type Operation, type Service } from '../model.ts';
import type { RawBindingMessage, RawPortTypeMessage } from '../parse/raw.ts';
import { rawMessage, messageUse, partOf } from './messages.ts';
import { byLocalName, repair, unresolved, type SymbolTable } from './symbols.ts';

export function buildBindings(table: SymbolTable): Binding[] {
  const bindings: Binding[] = [];
  const ignored: string[] = [];
  for (const w of table.raw.wsdls) {
    for (const b of w.bindings) {
      if (!b.soap) {
        ignored.push(`${b.name.name} (${b.otherExtension ?? 'no binding extension'})`);
        continue;
      }
      const portType = table.portTypes.get(qnameKey(b.type)) ?? byLocalName(table, table.portTypes, b.type, 'portType', b.location);
      if (!portType) {
        repair(table, unresolved('portType', b.type, `wsdl:binding ${b.name.name}`, b.location), 'the binding is left out');
        continue;
      }
      const style = b.soap.style ?? 'document';
      const operations = b.operations.flatMap((op): Operation[] => {
        const abstract = portType.operations.find((o) => o.name === op.name);
        if (!abstract) {
          const error = new GeneratorError('UNRESOLVED_REFERENCE', `operation ${op.name} of binding ${b.name.name} is not in portType ${portType.name.name}`, op.location);
          repair(table, error, 'the operation is left out');
          return [];
        }
        if (!abstract.input) {
          repair(table, 
            new GeneratorError('UNSUPPORTED', `operation ${op.name} has no input (notification operations are not supported)`, abstract.location),
            'the operation is left out',
          );
          return [];
        }
        const input = abstract.input;
        const opStyle = op.style ?? style;
        const use = (direction: 'input' | 'output', m: RawPortTypeMessage, bound: RawBindingMessage | undefined) =>
          messageUse(table, m, bound, { binding: b, operation: op.name, direction, style: opStyle, location: op.location });
        try {
          return [
            compact({
              kind: 'operation' as const,
              name: op.name,
              soapAction: op.soapAction ?? '',
              style: opStyle,
              input: use('input', input, op.input),
              output: abstract.output ? use('output', abstract.output, op.output) : undefined,
              faults: abstract.faults.flatMap((f): FaultUse[] => {
                try {
                  const message = rawMessage(table, f.message, `fault ${f.name} of ${op.name}`, f.location);
                  return [{ kind: 'fault', name: f.name, message: message.name, parts: message.parts.map((p) => partOf(table, p, message)) }];
                } catch (e) {
                  if (!(e instanceof GeneratorError)) throw e;
                  repair(table, e, `fault ${f.name} is left out`);
                  return [];
                }
              }),
              documentation: abstract.documentation,
              location: op.location,
            }),
          ];
        } catch (e) {
          // Lenient: an operation whose messages cannot be read is left out.
          if (!(e instanceof GeneratorError)) throw e;
          repair(table, e, `operation ${op.name} is left out`);
          return [];
        }
      });
      bindings.push(
        compact({
          kind: 'binding' as const,
          name: b.name,
          portType: portType.name,
          soapVersion: b.soap.version,
          style,
          transport: b.soap.transport,
          operations,
          documentation: b.documentation,
          portTypeDocumentation: portType.documentation,
          location: b.location,
        }),
      );
    }
  }
  if (bindings.length === 0) {
    const root = table.raw.wsdls[0]!;
    const why = ignored.length > 0 ? `; ignored: ${ignored.join(', ')}` : '';
    throw new GeneratorError('INVALID_CONTRACT', `the contract has no SOAP 1.1 or SOAP 1.2 binding${why}`, root.location);
  }
  return bindings;
}

/** The services of every WSDL, each with the ports of the bindings that are generated. */
export function buildServices(table: SymbolTable, bindings: readonly Binding[]): Service[] {
  const bound = new Set(bindings.map((b) => qnameKey(b.name)));
  return table.raw.wsdls.flatMap((w) =>
    w.services.map((s) =>
      compact({
        kind: 'service' as const,
        name: s.name,
        ports: s.ports.flatMap((p) => {
          const declared = table.bindings.get(qnameKey(p.binding)) ?? byLocalName(table, table.bindings, p.binding, 'binding', p.location);
          if (!declared) {
            repair(table, unresolved('binding', p.binding, `wsdl:port ${p.name}`, p.location), 'the port is left out');
            return [];
          }
          // A port of a binding that is not generated (not SOAP, or left out) is not listed.
          if (!bound.has(qnameKey(declared.name))) return [];
          return [{ kind: 'port' as const, name: p.name, binding: declared.name, address: p.address ?? '', location: p.location }];
        }),
        documentation: s.documentation,
        location: s.location,
      }),
    ),
  );
}
