// Masking BSNs in what leaves the process: only a nine-digit token that passes the 11-test, never
// the digits inside a trace id, a UUID, a hash or a longer number (src/kernel/bsn.ts), in log lines
// (src/observability/logger.ts) as in problem details (src/kernel/problem.ts).
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import winston from 'winston';
import { containsBsn, maskBsns } from '../../src/kernel/bsn.ts';
import { createLogger, requestContext, scrub } from '../../src/observability/logger.ts';
import { maskBsnLike } from '../../src/exchange/record-unreadable-record.ts';

// 123456782 and 999900006 pass the 11-test; 123456789 does not.
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
// Nine digits between hex letters: the old masking (every nine-digit run) corrupted these.
const traceWithDigits = '0af7651916cd43dd123456782c80319c';
const spanWithBsnRun = 'a123456782bcdef0';
const uuidWithDigits = '12345678-2123-4567-8212-345678212345';
const sha256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'.replace('2b0b822c', '12345678');

describe('masking a BSN in text', () => {
  it('when a valid BSN stands alone or between punctuation, then it is masked', () => {
    expect(maskBsns('123456782')).toBe('[bsn]');
    expect(maskBsns('client 123456782, sibling 999900006.')).toBe('client [bsn], sibling [bsn].');
    expect(maskBsns('/v1/clients/123456782/files')).toBe('/v1/clients/[bsn]/files');
    expect(maskBsns('bsn=123456782&x=1')).toBe('bsn=[bsn]&x=1');
    expect(maskBsns('file-123456782_v2.xml')).toBe('file-[bsn]_v2.xml');
    expect(maskBsns('"010000008"')).toBe('"[bsn]"');
  });

  it('when nine digits fail the 11-test, then they are left as they are', () => {
    expect(maskBsns('order 123456789 of 000000000')).toBe('order 123456789 of 000000000');
  });

  it('when the nine digits are part of a trace id, a span id, a UUID, a hash or a longer number, then nothing is changed', () => {
    for (const text of [traceId, traceWithDigits, spanWithBsnRun, uuidWithDigits, sha256, '1234567820', '91234567820', 'x123456782', '123456782x']) {
      expect(maskBsns(text)).toBe(text);
      expect(containsBsn(text)).toBe(false);
    }
    expect(traceWithDigits).toContain('123456782');
    expect(sha256).toContain('12345678');
  });
});

describe('masking a BSN in a batch record id (run history, audit detail)', () => {
  it('when a file is named after the child, then the BSN is masked and the rest of the name kept', () => {
    expect(maskBsnLike('0003-123456782.xml')).toBe('0003-[bsn].xml');
  });

  it('when the id is a UUID or a hash holding nine digits, or nine digits that fail the 11-test, then it is kept as it is (the old rule masked every nine-digit run)', () => {
    for (const id of [uuidWithDigits, `export-${sha256}.xml`, 'a123456782b.xml', 'order-123456789.xml']) expect(maskBsnLike(id)).toBe(id);
  });

  it('when the id is longer than 200 characters, then it is cut to 200 before masking', () => {
    expect(maskBsnLike(`${'x'.repeat(195)}-123456782`)).toBe(`${'x'.repeat(195)}-1234`);
  });
});

describe('masking a BSN in log lines', () => {
  function capture(): { logger: winston.Logger; lines: () => Record<string, unknown>[] } {
    const chunks: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk.toString('utf8')); done(); } });
    const logger = createLogger({ level: 'info' });
    logger.clear();
    // winston's Stream transport comes from its own package copy of TransportStream (as in logger.ts).
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    logger.add(new winston.transports.Stream({ stream }));
    return { logger, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('when a line carries a BSN in its message, a field, a nested object, an error or as a number, then every one is masked', () => {
    const { logger, lines } = capture();
    logger.info('lookup for 123456782 failed', { subject: '999900006', nested: { list: ['a 123456782 b'] }, count: 123456782, error: new Error('no client 123456782') });
    const [line] = lines();
    const text = JSON.stringify(line);
    expect(text).not.toContain('123456782');
    expect(text).not.toContain('999900006');
    expect(line).toMatchObject({ message: 'lookup for [bsn] failed', subject: '[bsn]', nested: { list: ['a [bsn] b'] }, count: '[bsn]' });
  });

  it('when a line carries trace ids, span ids, UUIDs, hashes and other numbers, then they are written unchanged', () => {
    const { logger, lines } = capture();
    requestContext.run({ requestId: uuidWithDigits, traceId: traceWithDigits, spanId: spanWithBsnRun }, () => {
      logger.info(`delivered ${uuidWithDigits}`, { exchangeId: uuidWithDigits, hash: sha256, bytes: 123456789, durationMs: 123456782.5, order: '123456789' });
    });
    const [line] = lines();
    expect(line).toMatchObject({
      message: `delivered ${uuidWithDigits}`,
      requestId: uuidWithDigits,
      traceId: traceWithDigits,
      spanId: spanWithBsnRun,
      exchangeId: uuidWithDigits,
      hash: sha256,
      bytes: 123456789,
      durationMs: 123456782.5,
      order: '123456789',
    });
  });

  it('when scrub meets a structure deeper than a log line should be, then it drops it rather than write it unmasked', () => {
    let deep: unknown = '123456782';
    for (let i = 0; i < 12; i++) deep = { deeper: deep };
    expect(JSON.stringify(scrub(deep))).not.toContain('123456782');
  });
});
