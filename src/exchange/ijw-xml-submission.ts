// Step 2, parse, for a native iJw 3.2 message (Content-Type application/xml): the XML becomes the same
// envelope a JSON submission carries. Everything the envelope names comes from the message itself:
// - the type from the root element's namespace;
// - the sender is the authenticated party (the route step then checks Header/Afzender against it);
// - the receiver from Header/Ontvanger (a gemeentecode or AGB code in the party registry), except for
//   a retour: a retour copies its heen message's header, so its Afzender is the party it goes back to
//   and its Ontvanger the party sending it. A retour is routed by pairing with the heen message that
//   went through the gateway (domain.md 1.3), never by a header field;
// - the purpose from the table next to the policy (consent/ijw-purposes.json);
// - the child from the message's Client, as for JSON (validate-submission.ts, subjectOf).
// The message is validated here (schema, identifiers, iJw rules) before anything is looked up, so that
// every error is reported at once with its pointer into the message.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { Party } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import type { IjwPairing, Store } from '../store/store.ts';
import type { Envelope } from './envelope.ts';
import type { IjwCodecPort } from '../../adapters/ijw-codec-port.ts';
import type { MessageValidator } from './message-validator-port.ts';
import { bodyText } from './parse-body.ts';
import { pointerTokens } from '../kernel/json-pointer.ts';

/** Native iJw XML support, passed in from the composition root. Absent: XML bodies get 415. */
export interface IjwXmlSupport {
  readonly codec: IjwCodecPort;
  /** The purpose of a native iJw message of this type (consent/ijw-purposes.json). */
  purposeOf(messageType: string): string | undefined;
}

interface Deps {
  readonly ijw: IjwXmlSupport;
  readonly parties: PartyRegistry;
  readonly store: Store;
  readonly validator: MessageValidator;
}

const XML_TYPES = new Set(['application/xml', 'text/xml']);

/** True for the media types a native iJw message may be sent with. */
export function isXmlMediaType(mediaType: string): boolean {
  return XML_TYPES.has(mediaType) || mediaType.endsWith('+xml');
}

/** The body as text: UTF-8 only (the iJw XSDs' encoding), checked strictly. */
export function decodeXmlBody(body: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new GatewayError('unsupported-media-type', { detail: `iJw XML is UTF-8; charset "${charset}" is not accepted` });
  }
  // Strict: a broken sequence is refused with the offset of its first byte, never replaced.
  const text = bodyText(body, 'invalid-input');
  const declared = /^\uFEFF?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new GatewayError('unsupported-media-type', { detail: `iJw XML is UTF-8; the declaration says "${declared}"` });
  }
  return text;
}

interface IjwHeader {
  readonly Afzender: string;
  readonly Ontvanger: string;
  readonly BerichtIdentificatie: { readonly Identificatie: string; readonly Dagtekening: string };
}

/** The header of a schema-valid iJw message. */
function headerOf(message: Readonly<Record<string, unknown>>): IjwHeader | undefined {
  const header = message['Header'] as Partial<IjwHeader> | undefined;
  const id = header?.BerichtIdentificatie;
  if (typeof header?.Afzender !== 'string' || typeof header.Ontvanger !== 'string') return undefined;
  if (typeof id?.Identificatie !== 'string' || typeof id.Dagtekening !== 'string') return undefined;
  return header as IjwHeader;
}

/**
 * The party a retour goes back to: the sender of the heen message it answers, found by pairing.
 * Undefined when no such heen message went through the gateway.
 */
export async function pairingOfRetour(store: Store, codec: IjwCodecPort, messageType: string, message: Readonly<Record<string, unknown>>): Promise<IjwPairing | undefined> {
  const heenType = codec.heenTypeOf(messageType);
  const header = headerOf(message);
  if (heenType === undefined || header === undefined) return undefined;
  return store.findIjwPairing({
    messageType: heenType,
    afzender: header.Afzender,
    identificatie: header.BerichtIdentificatie.Identificatie,
    dagtekening: header.BerichtIdentificatie.Dagtekening,
  });
}

export async function envelopeFromIjwXml(deps: Deps, sender: Party, xml: string, today: string): Promise<Envelope> {
  const { messageType, message } = deps.ijw.codec.parse(xml);
  const errors = deps.validator.validateMessage(messageType, message, today);
  if (errors.length > 0) throw new GatewayError('invalid-input', { detail: 'The iJw message is invalid', errors });
  const purpose = deps.ijw.purposeOf(messageType);
  if (purpose === undefined) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: '', detail: `no purpose is configured for native ${messageType} messages` }] });
  }
  const header = headerOf(message);
  if (header === undefined) throw new GatewayError('invalid-input', { errors: [{ pointer: '/Header', detail: 'the header is incomplete' }] });

  let receiver: Party | undefined;
  if (deps.ijw.codec.heenTypeOf(messageType) !== undefined) {
    // domain.md 1.3: route a retour on the pairing, not on Afzender.
    const pairing = await pairingOfRetour(deps.store, deps.ijw.codec, messageType, message);
    receiver = pairing !== undefined && pairing.receiver === sender.id ? deps.parties.get(pairing.sender) : undefined;
    if (receiver === undefined) {
      throw new GatewayError('invalid-input', {
        errors: [
          {
            pointer: '/Header/BerichtIdentificatie',
            detail: `no ${deps.ijw.codec.heenTypeOf(messageType) ?? ''} with this BerichtIdentificatie from Afzender ${header.Afzender} was delivered to you through this gateway; a retour is routed by pairing with its heen message`,
            // The heen message went through, to another party: the care path's rule KP002 (only its receiver sends the retour).
            ...(pairing !== undefined ? { rule: 'KP002' } : {}),
          },
        ],
      });
    }
    refuseRetourTheGatewayWrote(sender, pairing?.messageType ?? messageType, '/Header/BerichtIdentificatie');
  } else {
    receiver = deps.parties.findByIjwCode(header.Ontvanger);
    if (receiver === undefined) {
      throw new GatewayError('unknown-receiver', {
        detail: `no party has the iJw code ${header.Ontvanger}`,
        errors: [{ pointer: '/Header/Ontvanger', detail: 'not the gemeentecode or AGB code of a known party' }],
      });
    }
  }
  return { messageType, receiver: receiver.id, sender: sender.id, purpose, message };
}

/**
 * For a retour submitted as JSON (which names its receiver itself): when the heen message it answers
 * went through the gateway, only its receiver may send the retour, and only back to its sender — the
 * same two checks as for an XML retour. Both are the care path's rule KP002, named in the error: the
 * pairing refuses before the care path judges (and also when care paths are off).
 */
export async function checkJsonRetourPairing(deps: Omit<Deps, 'validator' | 'parties'>, sender: Party, envelope: Envelope): Promise<void> {
  const pairing = await pairingOfRetour(deps.store, deps.ijw.codec, envelope.messageType, envelope.message);
  if (pairing !== undefined && pairing.receiver !== sender.id) {
    // Regression (review): a party that never received the heen message could "answer" it.
    throw new GatewayError('invalid-input', {
      errors: [{ pointer: '/message/Header/BerichtIdentificatie', detail: `no ${pairing.messageType} with this BerichtIdentificatie was delivered to you through this gateway`, rule: 'KP002' }],
    });
  }
  if (pairing !== undefined) refuseRetourTheGatewayWrote(sender, pairing.messageType, '/message/Header/BerichtIdentificatie');
  if (pairing !== undefined && pairing.sender !== envelope.receiver) {
    throw new GatewayError('invalid-input', {
      errors: [{ pointer: '/receiver', detail: `this retour answers a ${pairing.messageType} that another party sent; a retour goes back to the sender of its heen message`, rule: 'KP002' }],
    });
  }
}

/**
 * One retour per heen message: a party for which the gateway writes the retours (ijwRetour 'gateway')
 * has had its heen message answered already, in the gateway's synchronous answer to the sender; its
 * own retour would be a second one, so it is refused (and not forwarded).
 */
function refuseRetourTheGatewayWrote(sender: Party, heenType: string, pointer: string): void {
  if (sender.ijwRetour !== 'gateway') return;
  throw new GatewayError('conflict', {
    detail: `the gateway has answered this ${heenType} with its retour on your behalf (your party's ijwRetour setting is 'gateway'), so its sender has its one retour; yours is not forwarded`,
    errors: [{ pointer, detail: `the ${heenType} with this BerichtIdentificatie was answered by the gateway` }],
  });
}

/** The pairing to record for an allowed heen message that has a retour, so its retour can find its way back. */
export function pairingFor(codec: IjwCodecPort, envelope: Envelope, exchangeId: string, sender: string, receiver: string, now: number): IjwPairing | undefined {
  if (codec.retourTypeOf(envelope.messageType) === undefined) return undefined;
  const header = headerOf(envelope.message);
  if (header === undefined) return undefined;
  return {
    exchangeId,
    messageType: envelope.messageType,
    afzender: header.Afzender,
    identificatie: header.BerichtIdentificatie.Identificatie,
    dagtekening: header.BerichtIdentificatie.Dagtekening,
    sender,
    receiver,
    createdAt: now,
  };
}

/**
 * The element path in the XML of a pointer into a message's JSON form, for the people who wrote the
 * XML: '/Client/ToegewezenProducten/ToegewezenProduct/0/Einddatum' is
 * '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum' (positions count from 1).
 */
export function elementPath(pointer: string): string {
  let path = '/Bericht';
  for (const token of pointerTokens(pointer)) path += /^[0-9]+$/.test(token) ? `[${Number(token) + 1}]` : `/${token}`;
  return path;
}

/**
 * Errors of an XML submission point into the message itself: '/message/Client/Bsn' becomes
 * '/Client/Bsn' (the JSON form of the XML body, from its Bericht element), and each error also names
 * its element path in the XML (`path`: '/Bericht/Client/Bsn').
 */
export function withMessagePointers(error: GatewayError): GatewayError {
  if (error.errors.length === 0) return error;
  const errors: FieldError[] = error.errors.map((e) => {
    const pointer = e.pointer === '/message' || e.pointer.startsWith('/message/') ? e.pointer.slice('/message'.length) : e.pointer;
    return { ...e, pointer, path: elementPath(pointer) };
  });
  return new GatewayError(error.code, {
    ...(error.detail !== undefined ? { detail: error.detail } : {}),
    logOnlyDetail: error.logOnlyDetail,
    errors,
    extensions: error.extensions,
    cause: error.cause,
  });
}
