/**
 * The runtime keeps its saxes parsers between documents (templates/runtime/xml-parser.ts): a
 * document must never see anything of the one before it, whether that one was read, refused,
 * abandoned between two slices, or is still being read (a parse inside a handler, two slice-wise
 * parses interleaved).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { XmlLimitError, XmlParseError } from '../templates/runtime/errors.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../templates/runtime/limits.ts';
import type { XmlTag } from '../templates/runtime/xml-namespaces.ts';
import { PARSE_SLICE, parseXml, parseXmlInSlices, type SaxHandler } from '../templates/runtime/xml-parser.ts';

/** Records every event as a line: `<{uri}local @{uri}local=value>`, `"text"`, `</>`. */
class Events implements SaxHandler {
  readonly lines: string[] = [];
  open(tag: XmlTag): void {
    let line = `<{${tag.uri}}${tag.local}`;
    for (let i = 0; i < tag.attributeCount; i++) {
      const a = tag.attributes[i]!;
      line += ` @{${a.uri}}${a.local}=${a.value}`;
    }
    this.lines.push(`${line}>`);
  }
  text(text: string): void {
    this.lines.push(JSON.stringify(text));
  }
  close(): void {
    this.lines.push('</>');
  }
}

const events = (xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): string[] =>
  parseXml(xml, limits, () => new Events()).lines;

const DOC = '<p:a xmlns:p="urn:p" x="1"><b p:y="2">t</b><![CDATA[c]]></p:a>';
const DOC_EVENTS = [
  '<{urn:p}a @{http://www.w3.org/2000/xmlns/}p=urn:p @{}x=1>',
  '<{}b @{urn:p}y=2>',
  '"t"',
  '</>',
  '"c"',
  '</>',
];

/** The error a parse throws, or a failure if it throws none. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return assert.fail('expected an error');
}

describe('a document read after another is read as if it were the first', () => {
  const refusals: [string, () => unknown, (e: unknown) => boolean][] = [
    ['malformed (a close tag that does not match)', () => events('<a>\n<b></a>'), (e) => e instanceof XmlParseError],
    ['unclosed at the end', () => events('<a><b>'), (e) => e instanceof XmlParseError],
    ['an undeclared prefix', () => events('<a><q:b/></a>'), (e) => e instanceof XmlParseError],
    ['a processing instruction', () => events('<a><?pi x?></a>'), (e) => e instanceof XmlParseError],
    [
      'over maxElements',
      () => events('<a><b/><b/><b/></a>', { ...DEFAULT_XML_LIMITS, maxElements: 2 }),
      (e) => e instanceof XmlLimitError,
    ],
    [
      'over maxAttributes',
      () => events('<a x="1" y="2"/>', { ...DEFAULT_XML_LIMITS, maxAttributes: 1 }),
      (e) => e instanceof XmlLimitError,
    ],
    [
      'a handler that throws',
      () =>
        parseXml('<a><b/></a>', DEFAULT_XML_LIMITS, () => ({
          open(tag: XmlTag): void {
            if (tag.local === 'b') throw new RangeError('the handler refused b');
          },
          text(): void {},
          close(): void {},
        })),
      (e) => e instanceof XmlParseError && /the handler refused b/.test(e.message),
    ],
  ];
  for (const [name, refuse, expected] of refusals) {
    it(`after a refused document: ${name}`, () => {
      assert.ok(expected(thrown(refuse)), 'the first document is refused as such');
      assert.deepStrictEqual(events(DOC), DOC_EVENTS);
      // Positions start again at line 1: the second error is located in its own document.
      const e = thrown(() => events('<r>\n\n  <s></r>'));
      assert.ok(e instanceof XmlParseError);
      assert.equal(e.line, 3);
    });
  }

  it('counts start again: a document with exactly maxElements elements and maxDepth levels reads every time', () => {
    const limits = { ...DEFAULT_XML_LIMITS, maxElements: 4, maxDepth: 3 };
    for (let i = 0; i < 5; i++) assert.equal(events('<a><b><c/></b><d/></a>', limits).length, 8);
  });

  it('the limits are those of each parse, not of the one before', () => {
    assert.ok(thrown(() => events('<a><b/></a>', { ...DEFAULT_XML_LIMITS, maxElements: 1 })) instanceof XmlLimitError);
    assert.equal(events('<a><b/></a>').length, 4);
    assert.ok(
      thrown(() => events('<a>abcd</a>', { ...DEFAULT_XML_LIMITS, maxTextLength: 3 })) instanceof XmlLimitError,
    );
    assert.deepStrictEqual(events('<a>abcd</a>'), ['<{}a>', '"abcd"', '</>']);
  });

  it('attributes of one tag are never reported on the next document', () => {
    assert.ok(thrown(() => events('<a x="1" y="2" z="3"><')) instanceof XmlParseError);
    assert.deepStrictEqual(events('<b/>'), ['<{}b>', '</>']);
  });
});

describe('documents read at the same time do not share a parser', () => {
  it('a document parsed inside a handler of another', () => {
    const inner: string[][] = [];
    const outer = parseXml('<a><b/><c>x</c></a>', DEFAULT_XML_LIMITS, () => {
      const e = new Events();
      return {
        open(tag: XmlTag): void {
          inner.push(events(DOC));
          e.open(tag);
        },
        text: (t: string) => e.text(t),
        close: () => e.close(),
        lines: e.lines,
      };
    });
    assert.deepStrictEqual(outer.lines, ['<{}a>', '<{}b>', '</>', '<{}c>', '"x"', '</>', '</>']);
    assert.deepStrictEqual(inner, [DOC_EVENTS, DOC_EVENTS, DOC_EVENTS]);
  });

  it('two documents read slice by slice, interleaved, and a third abandoned between two slices', async () => {
    const big = (tag: string, n: number) => `<${tag}>${`<i>${tag}</i>`.repeat(n)}</${tag}>`;
    const n = Math.ceil(PARSE_SLICE / 4) + 10; // more than two slices each
    const a = big('a', n);
    const b = big('b', n);
    assert.ok(a.length > 2 * PARSE_SLICE);
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    let abandon = false;
    const stop = async () => {
      await pause();
      if (abandon) throw new Error('abandoned');
    };
    const abandoned = parseXmlInSlices(big('c', n), DEFAULT_XML_LIMITS, () => new Events(), stop).then(
      () => assert.fail('the third document is abandoned'),
      (e: unknown) => e,
    );
    abandon = true;
    const [ra, rb] = await Promise.all([
      parseXmlInSlices(a, DEFAULT_XML_LIMITS, () => new Events(), pause),
      parseXmlInSlices(b, DEFAULT_XML_LIMITS, () => new Events(), pause),
    ]);
    assert.match(String(await abandoned), /abandoned/);
    for (const [r, tag] of [
      [ra, 'a'],
      [rb, 'b'],
    ] as const) {
      assert.equal(r.lines.length, 2 + 3 * n);
      assert.deepStrictEqual(r.lines.slice(0, 5), [`<{}${tag}>`, '<{}i>', JSON.stringify(tag), '</>', '<{}i>']);
      assert.ok(
        r.lines.every((l) => !/[abc]/.test(l) || l.includes(tag)),
        `document ${tag} saw only its own names`,
      );
    }
    assert.deepStrictEqual(events(DOC), DOC_EVENTS);
  });
});

describe('an idle parser keeps nothing of the document it read', () => {
  it("neither the handler, nor the caller's limits object, nor what they refer to", async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    const refs = (() => {
      const payload = { data: new Array(100_000).fill(1) };
      const limits = { ...DEFAULT_XML_LIMITS, payload } as XmlLimits & { payload: object };
      const result = { names: [] as string[] };
      const handler = { open: (tag: XmlTag) => void result.names.push(tag.local), text() {}, close() {} };
      parseXml('<a x="1"><b/>t</a>', limits, () => handler);
      assert.deepStrictEqual(result.names, ['a', 'b']);
      return {
        limits: new WeakRef(limits),
        payload: new WeakRef(payload),
        handler: new WeakRef(handler),
        result: new WeakRef(result),
      };
    })();
    // A WeakRef's target stays alive until the job that made it ends: collect after it.
    await tick();
    gc();
    await tick();
    gc();
    for (const [name, ref] of Object.entries(refs)) assert.equal(ref.deref(), undefined, `${name} is released`);
  });
});
