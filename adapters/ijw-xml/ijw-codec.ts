// The iJw 3.2 codec as one module: XML -> JSON form (ijw-xml-parser.ts), JSON form -> XML
// (ijw-xml-renderer.ts) and retour messages (ijw-retour.ts), all driven by the JSON Schemas generated
// from the XSDs. The exchange pipeline sees it through IjwCodecPort (adapters/ijw-codec-port.ts).
import type { FieldError } from '../../src/kernel/gateway-error.ts';
import type { IjwCodecPort } from '../ijw-codec-port.ts';
import { createIjwXmlParser } from './ijw-xml-parser.ts';
import { createIjwXmlRenderer } from './ijw-xml-renderer.ts';
import { createIjwRetourBuilder, IJW_HEEN_OF } from './ijw-retour.ts';
import type { JsonObject } from './ijw-xml-parser.ts';

export interface IjwCodecOptions {
  readonly schemasDir?: string;
  /**
   * The JSON Schema check of a message (pointers relative to the message), used to make sure a retour
   * is valid before it is written; the composition root passes the gateway's message validator.
   */
  readonly checkSchema: (messageType: string, message: JsonObject) => readonly FieldError[];
}

export type IjwCodec = IjwCodecPort & { knownTypes(): string[] };

export function createIjwCodec(options: IjwCodecOptions): IjwCodec {
  const dir = options.schemasDir !== undefined ? { schemasDir: options.schemasDir } : {};
  const parser = createIjwXmlParser(dir);
  const renderer = createIjwXmlRenderer(dir);
  const retours = createIjwRetourBuilder(options.checkSchema, dir);
  return {
    knownTypes: () => parser.knownTypes(),
    parse: (xml) => parser.parse(xml),
    parseLeniently: (xml) => parser.parseLeniently(xml),
    render: (messageType, message) => renderer.render(messageType, message),
    retourTypeOf: (heenType) => retours.retourTypeOf(heenType),
    heenTypeOf: (retourType) => IJW_HEEN_OF[retourType],
    buildRetourXml(request) {
      const { retour } = retours.build(request);
      return retour === undefined ? undefined : { messageType: retour.messageType, xml: renderer.render(retour.messageType, retour.message) };
    },
    tryRetourXml(request) {
      const attempt = retours.build(request);
      return attempt.retour === undefined ? { reason: attempt.reason } : { messageType: attempt.retour.messageType, xml: renderer.render(attempt.retour.messageType, attempt.retour.message) };
    },
  };
}
