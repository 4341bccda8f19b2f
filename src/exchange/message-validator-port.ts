import type { FieldError } from '../kernel/gateway-error.ts';

/** What the pipeline needs from src/validation (schemas compiled once at startup). */
export interface MessageValidator {
  knownTypes(): string[];
  /** The per-request check (no list is copied on the hot path). */
  isKnownType(messageType: string): boolean;
  /** A type only the gateway sends (schema keyword x-gateway-originated), e.g. the regie notice: refused on submit. */
  isGatewayOriginated(messageType: string): boolean;
  validateEnvelope(body: unknown): FieldError[];
  /** Schema errors, then (when schema-valid) identifier and intra-message rules. Pointers relative to the message. */
  validateMessage(messageType: string, message: unknown, today: string): FieldError[];
}
