/**
 * Emits the message contracts of a WCF service and client (C#) from a generated package's
 * descriptors, for the WCF conformance test.
 *
 * Mono's svcutil, run over the contract, writes the data contracts, but it drops every
 * soap:header part (and with them the header types, which nothing else uses) and loses the
 * result element's name. So the message contracts are written here, one pair per operation,
 * from the same descriptors the generated runtime reads: each body is the wrapper element's data
 * contract (svcutil's class named after the element), each header a `MessageHeader` member.
 * Header types that svcutil left out are emitted as data contracts too.
 */
import type { FieldDesc, MessageDesc, OperationDesc, ServiceDesc, TypeDesc } from '../../../templates/runtime/schema.ts';

/** What svcutil generated: its classes and enums by simple name, with their full C# names. */
export function svcutilTypes(source: string): Map<string, string> {
  const types = new Map<string, string>();
  let ns = '';
  for (const line of source.split('\n')) {
    const n = /^namespace ([\w.]+) \{/.exec(line);
    if (n) ns = n[1]!;
    const t = /^\s*public (?:partial )?(?:class|enum) (\w+)/.exec(line);
    if (t && ns !== '') types.set(t[1]!, `global::${ns}.${t[1]}`);
  }
  return types;
}

const PRIMITIVES: Readonly<Record<string, string>> = {
  'xs:string': 'string',
  'xs:boolean': 'bool',
  'xs:byte': 'sbyte',
  'xs:short': 'short',
  'xs:int': 'int',
  'xs:long': 'long',
  'xs:unsignedByte': 'byte',
  'xs:unsignedShort': 'ushort',
  'xs:unsignedInt': 'uint',
  'xs:unsignedLong': 'ulong',
  'xs:decimal': 'decimal',
  'xs:float': 'float',
  'xs:double': 'double',
  'xs:dateTime': 'global::System.DateTime',
  'xs:base64Binary': 'byte[]',
};

const VALUE_TYPES = new Set(['bool', 'sbyte', 'short', 'int', 'long', 'byte', 'ushort', 'uint', 'ulong', 'decimal', 'float', 'double', 'global::System.DateTime']);

const quote = (s: string) => JSON.stringify(s);

class Emitter {
  private readonly own = new Map<string, string>();
  private readonly ownSource: string[] = [];

  constructor(
    private readonly service: ServiceDesc,
    private readonly generated: Map<string, string>,
  ) {}

  /** The C# type of a value of descriptor type `key`, emitting a data contract when svcutil has none. */
  csType(key: string, nillable = false): string {
    const primitive = PRIMITIVES[key];
    if (primitive !== undefined) return nillable && VALUE_TYPES.has(primitive) ? `${primitive}?` : primitive;
    const t = this.service.schema.types[key];
    if (t === undefined) throw new Error(`no C# mapping for ${key}`);
    const name = t.kind === 'complex' || t.kind === 'array' || t.kind === 'dictionary' ? (t.xmlName?.name ?? key) : key;
    return this.generated.get(name) ?? this.own.get(key) ?? this.emitOwn(key, t);
  }

  private emitOwn(key: string, t: TypeDesc): string {
    const full = `global::WcfConformance.Headers.${key}`;
    this.own.set(key, full);
    const xml = 'xmlName' in t && t.xmlName ? t.xmlName : { name: key, ns: '' };
    if (t.kind === 'complex') {
      if (t.base !== undefined || (t.attributes?.length ?? 0) > 0 || t.choices !== undefined) throw new Error(`${key}: only plain sequences are emitted`);
      const members = t.fields.map(
        (f, i) => `    [DataMember(Name = ${quote(f.name)}, Order = ${i})] public ${this.csType(f.type, f.nillable)} ${f.name};`,
      );
      this.ownSource.push(
        `  [DataContract(Name = ${quote(xml.name)}, Namespace = ${quote(xml.ns)})]\n  public class ${key} {\n${members.join('\n')}\n  }`,
      );
    } else if (t.kind === 'dictionary') {
      this.ownSource.push(
        `  [CollectionDataContract(Name = ${quote(xml.name)}, Namespace = ${quote(xml.ns)}, ItemName = ${quote(t.entry.name)}, KeyName = ${quote(t.key.name)}, ValueName = ${quote(t.value.name)})]\n` +
          `  public class ${key} : global::System.Collections.Generic.Dictionary<${this.csType(t.key.type)}, ${this.csType(t.value.type, t.value.nillable)}> { }`,
      );
    } else {
      throw new Error(`${key}: a ${t.kind} type svcutil did not generate`);
    }
    return full;
  }

  ownTypes(): string {
    return `namespace WcfConformance.Headers {\n  using System.Runtime.Serialization;\n\n${this.ownSource.join('\n\n')}\n}\n`;
  }
}

function className(op: OperationDesc, direction: 'In' | 'Out'): string {
  return `${op.name}${direction}`;
}

/** A message contract: the headers, then the body wrapper as the one unwrapped body member. */
function messageContract(emitter: Emitter, op: OperationDesc, message: MessageDesc, direction: 'In' | 'Out'): string {
  if (message.bare || message.rpc) throw new Error(`${op.name}: only document/literal wrapped messages are emitted`);
  const cls = className(op, direction);
  const member = (f: FieldDesc) => ({ f, type: emitter.csType(f.type, f.nillable) });
  const headers = message.headers.map((h) => ({ part: h.part, ...member(h.element) }));
  const body = { ...member(message.body), type: emitter.csType(message.body.type) };
  const lines = [
    `  [MessageContract(IsWrapped = false)]`,
    `  public class ${cls} {`,
    ...headers.map((h) => `    [MessageHeader(Name = ${quote(h.f.name)}, Namespace = ${quote(h.f.ns)})] public ${h.type} ${h.part};`),
    `    [MessageBodyMember(Name = ${quote(body.f.name)}, Namespace = ${quote(body.f.ns)})] public ${body.type} Body;`,
    ``,
    `    public static ${cls} Load(string path) {`,
    `      var e = new EnvelopeIn(path);`,
    `      var m = new ${cls}();`,
    ...headers.map((h) => `      m.${h.part} = e.Header<${h.type}>(${quote(h.f.name)}, ${quote(h.f.ns)});`),
    `      m.Body = e.Body<${body.type}>(${quote(body.f.name)}, ${quote(body.f.ns)});`,
    `      return m;`,
    `    }`,
    ``,
    `    public void Save(string path) {`,
    `      var e = new EnvelopeOut();`,
    ...headers.map((h) => `      e.Header(${quote(h.f.name)}, ${quote(h.f.ns)}, ${h.part});`),
    `      e.Body(${quote(body.f.name)}, ${quote(body.f.ns)}, Body);`,
    `      e.Save(path);`,
    `    }`,
    `  }`,
  ];
  return lines.join('\n');
}

/**
 * Contracts.cs: the message contracts, the service contract `IService`, its implementation
 * `Service` (record what arrived, then fault or reply as the test asked) and `Caller` (the
 * client's switch over operation names).
 */
export function emitContracts(
  service: ServiceDesc,
  operations: Readonly<Record<string, OperationDesc>>,
  svcutilSource: string,
  serviceNamespace: string,
): string {
  const emitter = new Emitter(service, svcutilTypes(svcutilSource));
  const ops = Object.values(operations);
  const contracts: string[] = [];
  const methods: string[] = [];
  const impl: string[] = [];
  const cases: string[] = [];
  for (const op of ops) {
    if (op.output === undefined) throw new Error(`${op.name}: one-way operations are not emitted`);
    contracts.push(messageContract(emitter, op, op.input, 'In'), messageContract(emitter, op, op.output, 'Out'));
    const inCls = className(op, 'In');
    const outCls = className(op, 'Out');
    methods.push(
      `    [OperationContract(Action = ${quote(op.soapAction)}, ReplyAction = ${quote(`${op.soapAction}Response`)})]\n    ${outCls} ${op.name}(${inCls} request);`,
    );
    impl.push(
      `    public ${outCls} ${op.name}(${inCls} request) {\n` +
        `      request.Save(Exchange.File(${quote(op.name)}, ".received.xml"));\n` +
        `      Exchange.FaultIfAsked(${quote(op.name)});\n` +
        `      return ${outCls}.Load(Exchange.File(${quote(op.name)}, ".reply.xml"));\n    }`,
    );
    cases.push(
      `        case ${quote(op.name)}: channel.${op.name}(${inCls}.Load(Exchange.File(op, ".send.xml"))).Save(Exchange.File(op, ".got.xml")); return;`,
    );
  }
  return [
    '// Emitted by test/conformance/wcf/contracts.ts from the generated package\'s descriptors.',
    'using System.ServiceModel;',
    '',
    'namespace WcfConformance {',
    contracts.join('\n\n'),
    '',
    `  [ServiceContract(Namespace = ${quote(serviceNamespace)}, Name = "Service")]`,
    '  public interface IService {',
    methods.join('\n\n'),
    '  }',
    '',
    '  [ServiceBehavior(InstanceContextMode = InstanceContextMode.Single, IncludeExceptionDetailInFaults = true)]',
    '  public class Service : IService {',
    impl.join('\n\n'),
    '  }',
    '',
    '  public static class Caller {',
    '    public static void Call(IService channel, string op) {',
    '      switch (op) {',
    cases.join('\n'),
    '        default: throw new System.ArgumentException("unknown operation " + op);',
    '      }',
    '    }',
    '  }',
    '}',
    '',
    emitter.ownTypes(),
  ].join('\n');
}
