// The chain walk's reading of a stored record (src/kernel/audit-record-text.ts: JSON.parse, a recurring list of released
// fields shared) and the canonical form that splices the shared list's text in
// (src/audit/audit-hash.ts) against JSON.parse and the RFC 8785 library: over generated records as the
// writer stores them, over adversarial texts (escapes, `]` and `\\` in the list's strings, member
// orders, duplicate keys written plainly or with escapes, nested objects, white space, invalid texts),
// and over random mutations of a stored record's text. The same tree, the same hash, or the same error.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditRecordCanonical, recomputeAuditHash } from '../../src/audit/audit-hash.ts';
import { forgetSharedLists, parseAuditRecordText, releasedFieldsText } from '../../src/kernel/audit-record-text.ts';
import type { AuditRecord } from '../../src/kernel/audit-record.ts';
import { generator, random } from '../support/audit-record-generator.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What a reader gets: the tree, or the error's message. */
function read(parse: (text: string) => unknown, text: string): { tree: unknown } | { error: string } {
  try {
    return { tree: parse(text) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The hash the verifier computes for a tree read one way or the other, or its error. */
function hashOf(tree: unknown): string {
  try {
    return typeof tree === 'object' && tree !== null && !Array.isArray(tree) ? recomputeAuditHash(tree as AuditRecord) : 'not a record';
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

let fastReads = 0;

/** The fast reading of `text` answers as JSON.parse does: the same tree (or error), and the same hash. */
function expectSameAsJsonParse(text: string): void {
  const fast = read(parseAuditRecordText, text);
  const plain = read(JSON.parse, text);
  expect(fast).toStrictEqual(plain);
  if ('tree' in fast && 'tree' in plain) {
    expect(hashOf(fast.tree)).toBe(hashOf(plain.tree));
    const tree = fast.tree as Record<string, unknown> | null;
    if (typeof tree === 'object' && tree !== null && releasedFieldsText(tree.releasedFields) !== undefined) fastReads += 1;
  }
}

/** The 33 pointers a JW315 decision releases (the bench's message; bench/audit-chain.ts derives them). */
const jw315Fields = [
  ...['BeschikkingIngangsdatum', 'BeschikkingNummer', 'Commentaar', 'Omvang/Eenheid', 'Omvang/Frequentie', 'Omvang/Volume', 'Product/Categorie', 'Product/Code', 'Raamcontract', 'ReferentieAanbieder', 'ToewijzingEinddatum', 'ToewijzingIngangsdatum', 'Verwijzer/Naam', 'Verwijzer/Type', 'Verwijzer/ZorgverlenerCode'].map((f) => `/Client/AangevraagdeProducten/AangevraagdProduct/*/${f}`),
  '/Client/Bsn', '/Client/Commentaar', '/Client/Geboortedatum/Datum', '/Client/Geslacht', '/Client/GezagsdragerBekend', '/Client/Naam/Geslachtsnaam/Achternaam',
  '/Client/Naam/Geslachtsnaam/Voorvoegsel', '/Client/Naam/Voorletters', '/Client/Naam/Voornamen', '/Header/Afzender', '/Header/BerichtCode',
  '/Header/BerichtIdentificatie/Dagtekening', '/Header/BerichtIdentificatie/Identificatie', '/Header/BerichtSubversie', '/Header/BerichtVersie',
  '/Header/Ontvanger', '/Header/XsdVersie/BasisschemaXsdVersie', '/Header/XsdVersie/BerichtXsdVersie',
];

/** A submit record as the writer stores it: JSON.stringify in audit-log.ts's member order, `hash` last. */
function submitRecord(seq: number, releasedFields: readonly string[] = jw315Fields): Record<string, unknown> {
  const unhashed = {
    traceId: 'e4860660796faf4512d301bcf007ad86', spanId: 'f65f370adcf48be6', action: 'exchange.submit', outcome: 'allowed', reason: 'rule-allows',
    exchangeId: '34ef7091-99e1-462b-bc9f-dc64efd8fd58', actor: 'jeugdhulp-de-brug', counterparty: 'gemeente-diemen', messageType: 'JW315',
    purpose: 'verzoek-toewijzing', processingActivityId: 'pa.ijw.verzoek-toewijzing', legalBasis: 'jw-7.4.0-lid-2', rule: 'ijw-verzoek-toewijzing@2',
    policyVersion: '2026.11', catalogueVersion: '2026.11', consentIds: [], dataSubjectId: '772b81362c2991e51519cf2bdc73b03f73743c1c4e6bf8e927ff5d8d0928ad21',
    dataSubjectIdType: 'bsn-pseudonym', releasedFields, seq, time: '2026-12-05T02:52:17.075Z', prevHash: '0'.repeat(64),
  };
  return { ...unhashed, hash: sha256(canonicalize(unhashed) as string) };
}

describe('reading a stored audit record with its list of released fields shared', () => {
  // Each test as a walk of its own: the lists known start empty (verifyAuditChain forgets them too).
  beforeEach(forgetSharedLists);

  it('when a submit record as the gateway writes it is read, then the tree and the hash are JSON.parse\'s and the library\'s, by the fast way', () => {
    const text = JSON.stringify(submitRecord(7));
    const tree = parseAuditRecordText(text) as Record<string, unknown>;
    expect(tree).toStrictEqual(JSON.parse(text));
    expect(Object.keys(tree)).toStrictEqual(Object.keys(JSON.parse(text) as object)); // members in the same order
    expect(releasedFieldsText(tree.releasedFields)).toBe(JSON.stringify(jw315Fields)); // the fast way was taken
    expect(Object.isFrozen(tree.releasedFields)).toBe(true);
    // Read again, the record shares the list; its canonical form is the library's, and the hash the writer's.
    const again = parseAuditRecordText(JSON.stringify(submitRecord(8))) as Record<string, unknown>;
    expect(again.releasedFields).toBe(tree.releasedFields);
    const { hash, ...rest } = tree;
    expect(auditRecordCanonical(tree, 'omit')).toBe(canonicalize(rest));
    expect(recomputeAuditHash(tree as unknown as AuditRecord)).toBe(hash);
  });

  it('when 20,000 generated records are stored and read, then each tree and hash is JSON.parse\'s, most by the fast way', () => {
    const { record, odd } = generator(315);
    const rnd = random(33);
    const lists = [jw315Fields, ['a]', 'b],"c":["d'], ['\\', '\\\\"', ']\\'], ['x'], [], ['\ud83d\ude00 pair', '\u2028', '"]}']];
    fastReads = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = i % 5 === 4 ? odd() : record(true);
      // Mostly a list that recurs, as a rule's list does; else the generated one.
      if (rnd() < 0.8) r.releasedFields = lists[Math.floor(rnd() * lists.length)];
      let text: string;
      try {
        text = JSON.stringify(r);
      } catch {
        continue;
      }
      expectSameAsJsonParse(text);
    }
    expect(fastReads).toBeGreaterThan(10_000); // the test is not passed by JSON.parse alone
  });

  it('when a text is written otherwise than the writer writes it, then the reading is JSON.parse\'s or the same error', () => {
    const base = submitRecord(9, ['/a', 'b]', 'c\\"],"d"']);
    const list = JSON.stringify(base.releasedFields);
    const stored = JSON.stringify(base);
    const texts = [
      stored,
      // Duplicate keys: JSON.parse keeps the last, written plainly or with an escape.
      stored.replace('}', `,"releasedFields":["other"]}`),
      stored.replace('}', `,"releasedFields":0}`),
      stored.replace('}', `,"released\\u0046ields":["other"]}`),
      stored.replace('}', `,"released\\u0046ields":0}`),
      stored.replace('{', `{"releasedFields":["first"],`),
      stored.replace('{', `{"released\\u0046ields":0,`),
      // The list inside a nested object, the record's own then gone, or overridden after.
      stored.replace(`"releasedFields":${list}`, `"detail":{"releasedFields":${list}}`),
      stored.replace(`"releasedFields":${list}`, `"detail":{"releasedFields":${list}},"detail":"x","releasedFields":0`),
      stored.replace(`"releasedFields":${list}`, `"x":[{"releasedFields":${list}}],"x":"y","releasedFields":0`),
      // The key's text inside a string, or after an escaped quote.
      stored.replace('"detail"', '"a\\"releasedFields":[],"detail"'),
      stored.replace(`"releasedFields":${list}`, `"k":"\\"releasedFields\\":${list.replaceAll('"', '\\"')}","releasedFields":0`),
      stored.replace(`"releasedFields":${list}`, `"k\\\\":1,"releasedFields":${list}`),
      stored.replace(`"releasedFields":${list}`, `"k\\\\\\"releasedFields":${list}`),
      // White space, escapes written otherwise than JSON.stringify writes them, members in another order.
      stored.replace(`"releasedFields":${list}`, `"releasedFields":${list.replaceAll(',', ', ')}`),
      stored.replace(`"releasedFields":${list}`, `"releasedFields" :${list}`),
      stored.replace(`"releasedFields":${list}`, `"releasedFields":${list} `),
      stored.replace(`"releasedFields":${list}`, `"releasedFields":${list.replace('/a', '\\/a')}`),
      stored.replace(`"releasedFields":${list}`, `"releasedFields":${list.replace('/a', '\\u002fa')}`),
      stored.replace('"traceId"', ' "traceId"'),
      stored.replace('"seq":9', '"seq":9.0'),
      stored.replace('"seq":9', '"seq":1e400'),
      JSON.stringify(Object.fromEntries(Object.entries(base).reverse())),
      // The list's end followed by what would run a number on, or by nothing.
      stored.replace(`"releasedFields":${list},`, `"releasedFields":${list}.5,`),
      stored.replace(`"releasedFields":${list},`, `"releasedFields":${list}0,`),
      stored.slice(0, stored.indexOf(list) + list.length),
      stored.slice(0, stored.indexOf(list) + list.length) + '}',
      // Lists that are not all strings, or hold a lone surrogate.
      stored.replace(`"releasedFields":${list}`, '"releasedFields":["a",1]'),
      stored.replace(`"releasedFields":${list}`, '"releasedFields":["a",["b"]]'),
      stored.replace(`"releasedFields":${list}`, '"releasedFields":["\\ud800"]'),
      stored.replace(`"releasedFields":${list}`, '"releasedFields":["\\\\ud800"]'),
      stored.replace(`"releasedFields":${list}`, '"releasedFields":[]'),
      // Other members of other shapes around a known list; a `__proto__` member.
      stored.replace('"detail"', '"detail":{"a":1},"x"'),
      stored.replace('"seq":9', '"seq":"9"'),
      stored.replace('"seq":9', '"__proto__":{"a":1},"seq":9'),
      stored.replace('"seq":9', '"__proto__":"p","seq":9'),
      stored.replace('"seq":9', '"seq":true'),
      // Not JSON at all, or not an object.
      stored.slice(0, -1),
      `[${stored}]`,
      `"releasedFields":${list}`,
      `{"releasedFields":${list}}`,
      `{"releasedFields":${list}`,
      `{"releasedFields":${list},}`,
      `{"releasedFields":${list}}}`,
    ];
    for (const text of texts) expectSameAsJsonParse(text);
  });

  it('when 30,000 random mutations of stored records are read, then each answer is JSON.parse\'s (tree and hash, or error)', () => {
    const rnd = random(1415);
    const int = (n: number): number => Math.floor(rnd() * n);
    const pieces = ['"', '\\', ']', '[', ',', '}', '{', ':', ' ', '0', '"releasedFields":', '\\"', '\\\\', '],"', '"]', 'u', '\\u0046', 'x', '"releasedFields":[', 'null'];
    const originals = [submitRecord(1), submitRecord(2, ['a', 'b]', '\\', '"']), submitRecord(3, [])].map((r) => JSON.stringify(r));
    fastReads = 0;
    for (let i = 0; i < 30_000; i++) {
      let text = originals[i % originals.length] as string;
      for (let m = 1 + int(3); m > 0; m--) {
        const at = int(text.length + 1);
        const kind = int(3);
        const piece = pieces[int(pieces.length)] as string;
        if (kind === 0) text = text.slice(0, at) + piece + text.slice(at);
        else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1 + int(4));
        else text = text.slice(0, at) + piece + text.slice(at + piece.length);
      }
      expectSameAsJsonParse(text);
    }
    expect(fastReads).toBeGreaterThan(1_000); // mutations elsewhere in the text leave the fast way open
  });

  it('when a list\'s text is spliced into the canonical form, then the bytes are those of serialising the list', () => {
    const text = JSON.stringify(submitRecord(10, ['"releasedFields":0', 'z', '\\u0000']));
    const tree = parseAuditRecordText(text) as Record<string, unknown>;
    expect(releasedFieldsText(tree.releasedFields)).toBeDefined();
    const { hash: _hash, ...rest } = tree;
    expect(auditRecordCanonical(tree, 'omit')).toBe(canonicalize(rest));
    expect(auditRecordCanonical({ ...rest, detail: '"releasedFields":0' }, 'refuse')).toBe(canonicalize({ ...rest, detail: '"releasedFields":0' }));
    // A record of another shape with a known list goes the library's way, with the same bytes.
    expect(auditRecordCanonical({ ...rest, extra: 1 }, 'refuse')).toBeUndefined();
  });
});
