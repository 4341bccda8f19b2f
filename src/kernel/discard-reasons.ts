// Why an operator gives up on a dead letter (issue 13: "discard reasons from a documented list"): one
// list for the API, the CLI, the console and openapi.yaml (DiscardRequest.reason), each recorded as the
// reason of the `delivery.discard` audit record, so a privacy officer can count them.
export const discardReasons = {
  'receiver-decommissioned': 'the receiving system is gone or replaced; the message cannot be delivered to it any more',
  duplicate: 'the same message was delivered already (another exchange carried it)',
  obsolete: 'a later message replaced it; delivering this one now would mislead',
  'delivered-otherwise': 'the information reached the receiver another way (phone, secure mail)',
  'sender-request': 'the sender asked for it to be withdrawn',
} as const;

export type DiscardReason = keyof typeof discardReasons;

export const isDiscardReason = (value: unknown): value is DiscardReason => typeof value === 'string' && Object.hasOwn(discardReasons, value);
