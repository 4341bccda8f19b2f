// Small FHIR values the mappings build: a coded concept, an iJw date and time as a FHIR dateTime, and
// the one error for a message that cannot be mapped.
import type { CodeableConcept } from '@medplum/fhirtypes';
import { GatewayError } from '../../src/kernel/gateway-error.ts';

export function unmappable(detail: string): never {
  throw new GatewayError('invalid-input', { detail: `cannot map to FHIR: ${detail}` });
}

const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An iJw date and time (Dutch local time, no zone) as a FHIR dateTime, which needs the offset. */
export function dutchDateTime(date: string, time: string): string {
  const asUtc = new Date(`${date}T${time.slice(0, 8)}Z`);
  if (Number.isNaN(asUtc.getTime())) unmappable(`not a date and time: ${date} ${time}`);
  const p = Object.fromEntries(amsterdamParts.formatToParts(asUtc).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
  const offsetMinutes = Math.round((local - asUtc.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${date}T${time}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function coding(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [{ system, code, ...(display !== undefined ? { display } : {}) }], ...(display !== undefined ? { text: display } : {}) };
}
