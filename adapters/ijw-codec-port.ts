// What the exchange use cases need from the iJw XML codec (adapters/ijw-xml/ijw-codec.ts), passed in
// from the composition root so that the pipeline stays free of XML details.
import type { FieldError } from '../src/kernel/gateway-error.ts';

export interface ParsedIjw {
  readonly messageType: string;
  readonly message: Record<string, unknown>;
}

/** errors: pointers into the heen message (JSON form); an empty list refuses the message as a whole. */
export type IjwRetourOutcome = { readonly accepted: true } | { readonly accepted: false; readonly errors: readonly FieldError[] };

/** What a retour is made of: the heen message, what the gateway thought of it, and the retour's own header values. */
export interface IjwRetourRequest {
  readonly heenType: string;
  readonly heen: Readonly<Record<string, unknown>>;
  readonly outcome: IjwRetourOutcome;
  /** LDT_IdentificatieBericht: 1 to 12 characters, unique per retour type and sender. */
  readonly identificatieRetour: string;
  /** The day the retour is made (Dutch date, YYYY-MM-DD). */
  readonly dagtekeningRetour: string;
}

export interface IjwCodecPort {
  /** iJw 3.2 XML to the JSON form; GatewayError invalid-input (with pointers) for what the JSON form cannot express. */
  parse(xml: string): ParsedIjw;
  /**
   * As parse, but a message with structural faults below its root (element order, namespaces,
   * attributes) is returned as far as it could be read, for a retour that reports those faults.
   * Throws only for XML that is not well-formed or whose root is no known iJw message.
   */
  parseLeniently(xml: string): ParsedIjw;
  /** The JSON form to iJw 3.2 XML, elements in XSD order. */
  render(messageType: string, message: Readonly<Record<string, unknown>>): string;
  /** The retour type of a heen type (JW301 -> JW302), if it has one. */
  retourTypeOf(heenType: string): string | undefined;
  /** The heen type a retour answers (JW302 -> JW301), if the type is a retour. */
  heenTypeOf(retourType: string): string | undefined;
  /** The retour as XML, or undefined when none can be made (no retour type, or no valid copy). */
  buildRetourXml(request: IjwRetourRequest): { readonly messageType: string; readonly xml: string } | undefined;
  /** As buildRetourXml, but when no retour can be made, says why (for the problem document that answers instead). */
  tryRetourXml(request: IjwRetourRequest): { readonly messageType: string; readonly xml: string } | { readonly reason: string };
}
