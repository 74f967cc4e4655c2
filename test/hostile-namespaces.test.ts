/**
 * Namespaces in XML, checked by the runtime (saxes runs without namespace processing, see
 * templates/runtime/xml-namespaces.ts): every document here is refused with the XmlParseError
 * saxes gave, or read with names resolved in their scope.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XmlParseError } from '../templates/runtime/errors.ts';
import { DEFAULT_XML_LIMITS } from '../templates/runtime/limits.ts';
import type { XmlTag } from '../templates/runtime/xml-namespaces.ts';
import { parseXml } from '../templates/runtime/xml-parser.ts';

/** Every element as `{uri}local`, each attribute as `@{uri}local=value`, in document order. */
function names(xml: string): string[] {
  const out: string[] = [];
  parseXml(xml, DEFAULT_XML_LIMITS, () => ({
    open(tag: XmlTag): void {
      out.push(`{${tag.uri}}${tag.local}`);
      for (let i = 0; i < tag.attributeCount; i++) {
        const a = tag.attributes[i]!;
        out.push(`@{${a.uri}}${a.local}=${a.value}`);
      }
    },
    text(): void {},
    close(): void {},
  }));
  return out;
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML = 'http://www.w3.org/XML/1998/namespace';

describe('namespaces are resolved in their scope', () => {
  it('prefixes and the default namespace, redeclared inside and restored after', () => {
    assert.deepStrictEqual(names('<a xmlns="urn:d" xmlns:p="urn:p"><p:b p:x="1" y="2"><c xmlns="" xmlns:p="urn:q"><p:d/></c><e/></p:b><p:f xml:lang="en"/></a>'), [
      '{urn:d}a', `@{${XMLNS}}xmlns=urn:d`, `@{${XMLNS}}p=urn:p`,
      '{urn:p}b', '@{urn:p}x=1', '@{}y=2',
      '{}c', `@{${XMLNS}}xmlns=`, `@{${XMLNS}}p=urn:q`,
      '{urn:q}d',
      '{urn:d}e',
      '{urn:p}f', `@{${XML}}lang=en`,
    ]);
  });

  it('attributes of one prefix, and a prefixed and an unprefixed attribute of one local name, are distinct', () => {
    assert.deepStrictEqual(names('<a xmlns:p="urn:n" p:x="1" p:y="2" x="3"/>').slice(-3), ['@{urn:n}x=1', '@{urn:n}y=2', '@{}x=3']);
  });

  it('the attributes of one element are not those of the element before', () => {
    assert.deepStrictEqual(names('<r><a x="1" y="2"/><b z="3"/><c/></r>'), ['{}r', '{}a', '@{}x=1', '@{}y=2', '{}b', '@{}z=3', '{}c']);
  });

  it('xml may be declared with its own namespace; the same attribute under two namespaces is two attributes', () => {
    assert.deepStrictEqual(names(`<a xmlns:xml="${XML}" xmlns:p="urn:p" xmlns:q="urn:q" p:x="1" q:x="2"/>`).slice(-2), ['@{urn:p}x=1', '@{urn:q}x=2']);
  });
});

describe('what saxes checked without being asked, the runtime checks', () => {
  const refused: [string, string, RegExp][] = [
    ['an element prefix declared nowhere', '<p:a/>', /unbound namespace prefix: "p"/],
    ['an attribute prefix declared nowhere', '<a p:x="1"/>', /unbound namespace prefix: "p"/],
    ['a prefix used after the element declaring it closed', '<r><a xmlns:p="urn:p"/><p:b/></r>', /unbound namespace prefix: "p"/],
    ['a prefix undeclared (XML 1.0 has no undeclaring)', '<a xmlns:p="urn:p"><b xmlns:p=""/></a>', /undefine prefix in XML 1.0/],
    ['xml bound to another namespace', '<a xmlns:xml="urn:x"/>', /xml prefix must be bound/],
    ['xmlns declared as a prefix', `<a xmlns:xmlns="${XMLNS}"/>`, /xmlns prefix must be bound/],
    ['a prefix bound to the xmlns namespace', `<a xmlns:p="${XMLNS}"/>`, /may not assign a prefix/],
    ['the default namespace set to the xmlns namespace', `<a xmlns="${XMLNS}"/>`, /default namespace may not be set/],
    ['a prefix bound to the xml namespace', `<a xmlns:p="${XML}"/>`, /other than "xml"/],
    ['the default namespace set to the xml namespace', `<a xmlns="${XML}"/>`, /default namespace may not be set/],
    ['an element named with the xmlns prefix', '<xmlns:a/>', /may not have "xmlns" as prefix/],
    ['an element name with two colons', '<a xmlns:p="urn:p"><p:b:c/></a>', /malformed name: p:b:c/],
    ['an element name starting with a colon', '<:a/>', /malformed name/],
    ['an element name ending with a colon', '<a:/>', /malformed name/],
    ['an attribute name with two colons', '<a xmlns:p="urn:p" p:x:y="1"/>', /malformed name/],
    ['a declaration of an empty prefix', '<a xmlns:="urn:p"/>', /malformed name/],
    ['one attribute twice through two prefixes of one namespace', '<a xmlns:p="urn:n" xmlns:q="urn:n" p:x="1" q:x="2"/>', /duplicate attribute: \{urn:n\}x/],
    ['one attribute twice through a prefix redeclared inside', '<r xmlns:p="urn:n"><a xmlns:q="urn:n" q:x="1" p:x="2"/></r>', /duplicate attribute/],
    ['one attribute twice, the second prefix after others of the first', '<a xmlns:p="urn:n" xmlns:q="urn:n" p:x="1" p:y="2" q:y="3"/>', /duplicate attribute: \{urn:n\}y/],
    ['one attribute twice through prefixes one of which starts the other', '<a xmlns:p="urn:n" xmlns:pq="urn:n" p:x="1" pq:x="2"/>', /duplicate attribute: \{urn:n\}x/],
  ];
  for (const [about, xml, message] of refused) {
    it(`${about}: XmlParseError`, () => {
      assert.throws(
        () => names(xml),
        (e: unknown) => e instanceof XmlParseError && message.test(e.message) && e.line === 1 && e.column > 0,
      );
    });
  }
});
