// Retour messages (domain.md 1.2 and 1.3): every iJw heen message gets a technical retour back, JW302
// for a JW301 and so on. The retour copies the heen message (its header keeps Afzender and Ontvanger
// as they were) and adds, per message class, the RetourCodes that say what the receiving side thought
// of that class; its header adds IdentificatieRetour, DagtekeningRetour and XsdVersieRetour.
//
// The gateway builds one when it answers a sender that speaks only iJw:
// - accepted: RetourCode 0200 ("geen opmerking") on every class, and no Client (iJw OP065: a retour
//   holds only clients of whom it rejects a class);
// - refused with located errors: each error's retourcode (FieldError.retourcode, else 0001 "technisch
//   afgekeurd") on the innermost class that contains the error's pointer; classes below a refused class,
//   and all body classes when the header is refused, get 0233 ("niet beoordeeld"); other classes 0200;
// - refused as a whole (policy, routing): 0001 on the header, 0233 on every body class.
// iJw OP065: a Client whose classes all say 0200 is left out (the Client is optional in every retour);
// a client with a rejected class is sent back whole, with its codes; when the header is refused, no
// class is assessed (0233) and the client stays, as the rule on the refused message wants it (the care
// path reads retours the same way, src/care-path/rules-retour.ts).
// WJ001 Retourcode; OP047: a message that does not meet the standard may be refused in a retour.
//
// JW323 has no technical retour: JW325 is the municipality's business answer (declaratie-antwoord),
// which only the municipality can give.
//
// The retour must itself validate against its XSD. Values of the heen message that are invalid (they
// are why it was refused) are copied in the form the retour XSD takes where the value itself is clear
// (a date written with a time zone is that date), else left out of the copy where the retour XSD allows
// that (optional elements); when an invalid value sits in a required element, no valid retour exists
// and none is built: the builder then says why, for the problem document that answers instead.
import type { FieldError } from '../../src/kernel/gateway-error.ts';
import { pointerTokens } from '../../src/kernel/json-pointer.ts';
import { defaultSchemasDir, loadModel, type Located, type SchemaModel, type Shape } from './ijw-schema-model.ts';
import type { JsonObject, JsonValue } from './ijw-xml-parser.ts';
import type { IjwRetourOutcome, IjwRetourRequest } from '../ijw-codec-port.ts';

/** The technical retour of each heen message type (domain.md 1.2). */
export const IJW_RETOUR_OF: Readonly<Record<string, string>> = {
  JW301: 'JW302',
  JW305: 'JW306',
  JW307: 'JW308',
  JW315: 'JW316',
  JW317: 'JW318',
  JW319: 'JW320',
};

/** The heen message type a retour answers (JW302 -> JW301, ...). */
export const IJW_HEEN_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(IJW_RETOUR_OF).map(([heen, retour]) => [retour, heen]));

export const RETOURCODE_ACCEPTED = '0200';
export const RETOURCODE_REFUSED = '0001';
export const RETOURCODE_NOT_ASSESSED = '0233';

export interface BuiltRetour {
  readonly messageType: string;
  readonly message: JsonObject;
}

/** Schema errors of a message of the given type (pointers relative to the message). */
export type RetourSchemaCheck = (messageType: string, message: JsonObject) => readonly FieldError[];

/** A retour, or why none can be made (the type has none, or no valid copy of this message exists). */
export type RetourAttempt = { readonly retour: BuiltRetour } | { readonly retour?: undefined; readonly reason: string };

export interface IjwRetourBuilder {
  retourTypeOf(heenType: string): string | undefined;
  build(request: IjwRetourRequest): RetourAttempt;
}

interface ClassSlot {
  readonly pointer: string;
  readonly target: JsonObject;
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function within(pointer: string, container: string): boolean {
  return pointer === container || pointer.startsWith(`${container}/`);
}

/** Removes the value at a pointer; false when there is nothing there to remove. */
function removeAt(root: JsonObject, pointer: string): boolean {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  if (last === undefined) return false;
  let node: JsonValue | undefined = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isPlainObject(node)) node = (node)[token];
    else return false;
  }
  if (Array.isArray(node)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= node.length) return false;
    node.splice(index, 1);
    return true;
  }
  if (isPlainObject(node) && Object.hasOwn(node, last)) {
    return Reflect.deleteProperty(node, last);
  }
  return false;
}

/** The value at a pointer, or undefined. */
function valueAt(root: JsonObject, pointer: string): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isPlainObject(node)) node = Object.hasOwn(node, token) ? (node)[token] : undefined;
    else return undefined;
  }
  return node;
}

/**
 * The same value in the form the retour XSD takes, where one exists: a date written with a time zone or
 * a time ("2026-04-01+01:00") is that date ("2026-04-01"), and surrounding blanks go. Undefined when
 * the value cannot be kept (it is then left out, if the XSD allows).
 */
function repaired(value: JsonValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const date = /^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ][0-9:.]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?\s*$/.exec(value)?.[1];
  const candidate = date ?? value.trim();
  return candidate !== value && candidate !== '' ? candidate : undefined;
}

/** Sets the value at an existing pointer. */
function setAt(root: JsonObject, pointer: string, value: JsonValue): void {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  const parent = valueAt(root, tokens.map((t) => `/${t.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''));
  if (last === undefined) return;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else if (isPlainObject(parent)) (parent)[last] = value;
}

export function createIjwRetourBuilder(check: RetourSchemaCheck, options: { readonly schemasDir?: string } = {}): IjwRetourBuilder {
  const { model } = loadModel(options.schemasDir ?? defaultSchemasDir);

  function berichtCodeOf(messageType: string): string | undefined {
    const root = model.root(messageType);
    const header = (root?.schema['$defs'] as Record<string, { properties?: Record<string, { pattern?: unknown }> }> | undefined)?.['Header'];
    const pattern = header?.properties?.['BerichtCode']?.pattern;
    return typeof pattern === 'string' ? /^\^\(\?:([0-9]{1,3})\)\$$/.exec(pattern)?.[1] : undefined;
  }

  function copy(model: SchemaModel, value: unknown, loc: Located, pointer: string, classes: ClassSlot[]): JsonValue | undefined {
    const shape: Shape = model.shape(loc);
    if (shape.kind !== 'object') {
      return typeof value === 'string' || typeof value === 'number' ? value : undefined;
    }
    if (!isPlainObject(value)) return undefined;
    const result: JsonObject = {};
    for (const name of shape.order) {
      const property = shape.properties.get(name);
      if (property === undefined || name === 'RetourCodes' || !Object.hasOwn(value, name)) continue;
      const child = value[name];
      const childPointer = `${pointer}/${name}`;
      if (property.array) {
        if (!Array.isArray(child)) continue;
        const items = child
          .map((item: unknown, index) => copy(model, item, property.item, `${childPointer}/${index}`, classes))
          .filter((item): item is JsonValue => item !== undefined);
        if (items.length > 0) result[name] = items;
      } else {
        const copied = copy(model, child, property.item, childPointer, classes);
        if (copied !== undefined) result[name] = copied;
      }
    }
    if (shape.properties.has('RetourCodes')) classes.push({ pointer, target: result });
    return result;
  }

  function assignCodes(classes: readonly ClassSlot[], outcome: IjwRetourOutcome): void {
    const own = new Map<string, string[]>();
    if (!outcome.accepted) {
      const errors = outcome.errors.length > 0 ? outcome.errors : [{ pointer: '', detail: 'refused', retourcode: RETOURCODE_REFUSED }];
      const byDepth = [...classes].sort((a, b) => b.pointer.length - a.pointer.length);
      for (const error of errors) {
        const slot = byDepth.find((c) => c.pointer !== '/Header' && within(error.pointer, c.pointer)) ?? classes.find((c) => c.pointer === '/Header');
        if (slot === undefined) continue;
        const codes = own.get(slot.pointer) ?? [];
        const code = error.retourcode ?? RETOURCODE_REFUSED;
        if (!codes.includes(code) && codes.length < 100) codes.push(code);
        own.set(slot.pointer, codes);
      }
    }
    const refused = [...own.keys()];
    const headerRefused = own.has('/Header');
    for (const slot of classes) {
      const codes = own.get(slot.pointer);
      const notAssessed =
        (headerRefused && slot.pointer !== '/Header') || refused.some((p) => p !== slot.pointer && p !== '/Header' && within(slot.pointer, p));
      slot.target['RetourCodes'] = { RetourCode: codes ?? [notAssessed ? RETOURCODE_NOT_ASSESSED : RETOURCODE_ACCEPTED] };
    }
  }

  return {
    retourTypeOf: (heenType) => IJW_RETOUR_OF[heenType],
    build(request) {
      const retourType = IJW_RETOUR_OF[request.heenType];
      const root = retourType === undefined ? undefined : model.root(retourType);
      const berichtCode = retourType === undefined ? undefined : berichtCodeOf(retourType);
      if (retourType === undefined || root === undefined || berichtCode === undefined) return { reason: `${request.heenType} has no technical retour` };
      const classes: ClassSlot[] = [];
      const message = copy(model, request.heen, root, '', classes);
      if (!isPlainObject(message) || !isPlainObject(message['Header'])) return { reason: `the message has no Header, and a retour (${retourType}) copies the header of its heen message` };
      const header = message['Header'];
      header['BerichtCode'] = berichtCode;
      header['IdentificatieRetour'] = request.identificatieRetour;
      header['DagtekeningRetour'] = request.dagtekeningRetour;
      // The retour is written against the same iJw 3.2 XSD release as the heen message it answers.
      if (isPlainObject(header['XsdVersie'])) header['XsdVersieRetour'] = structuredClone(header['XsdVersie']);
      assignCodes(classes, request.outcome);
      // iJw OP065: only clients of whom the retour rejects a class.
      const approved = (slot: ClassSlot): boolean => {
        const codes = (slot.target['RetourCodes'] as { RetourCode: string[] }).RetourCode;
        return codes.length === 1 && codes[0] === RETOURCODE_ACCEPTED;
      };
      const clientClasses = classes.filter((c) => within(c.pointer, '/Client'));
      if (clientClasses.length > 0 && clientClasses.every(approved)) delete message['Client'];
      // Keep what makes the copy invalid in the form the retour XSD takes (a date without its time
      // zone), else leave it out where the retour XSD lets it be left out.
      for (let round = 0; round < 20; round++) {
        const errors = check(retourType, message);
        if (errors.length === 0) return { retour: { messageType: retourType, message } };
        const missing = errors.find((e) => ['required', 'minItems'].includes(e.keyword ?? e.rule ?? ''));
        if (missing !== undefined) return { reason: `a ${retourType} must copy ${missing.pointer}, and the message has no valid value there` };
        const invalid = [...new Set(errors.map((e) => e.pointer))].sort().reverse();
        for (const pointer of invalid) {
          const repair = pointer.includes('/RetourCodes') ? undefined : repaired(valueAt(message, pointer));
          if (repair !== undefined) setAt(message, pointer, repair);
          else if (pointer.includes('/RetourCodes') || !removeAt(message, pointer)) return { reason: `a ${retourType} cannot copy the value at ${pointer}` };
        }
      }
      return { reason: `no valid ${retourType} could be made of this message` };
    },
  };
}
