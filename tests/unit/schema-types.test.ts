// The types of the gateway's own schemas are generated and committed (src/validation/schema-types/);
// this fails when someone changes a schema without regenerating them (npm run generate:types).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes, outputFileOf, repoRoot, typedSchemas } from '../../scripts/generate-schema-types.ts';
import type { AuditAction, AuditOutcome } from '../../src/kernel/audit-record.ts';
import type { PartyRole } from '../../src/kernel/party-role.ts';
import type { PrivacyRequestAuditSearch } from '../../src/validation/schema-types/privacy-requests.ts';
import type { ConsentRegistrationBody } from '../../src/validation/schema-types/consent-registration.ts';

// The schemas' enums restate unions the kernel owns (audit actions and outcomes, party roles). These
// aliases are `true` only while both lists are the same; `npm run typecheck` fails when one drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ReceiverRole = NonNullable<ConsentRegistrationBody['scope']['receivers']['roles']>[number];
const enumsAgree = {
  auditOutcome: true satisfies Same<NonNullable<PrivacyRequestAuditSearch['outcome']>, AuditOutcome>,
  auditAction: true satisfies Same<NonNullable<PrivacyRequestAuditSearch['action']>, AuditAction>,
  partyRole: true satisfies Same<ReceiverRole, PartyRole>,
};

const schemaText = (schema: string): string => readFileSync(path.join(repoRoot, 'schemas', schema), 'utf8');

describe('the types generated from the schemas', () => {
  it.each(typedSchemas)('when $schema is generated again, then it equals the committed file', async ({ schema, name }) => {
    const expected = await generateSchemaTypes(schemaText(schema), schema, name);
    expect(readFileSync(outputFileOf(schema), 'utf8') === expected, 'run: npm run generate:types').toBe(true);
  });

  it('when the schemas list audit outcomes, audit actions and party roles, then they are the kernel\'s (checked by the type checker)', () => {
    expect(enumsAgree).toEqual({ auditOutcome: true, auditAction: true, partyRole: true });
  });

  it('when a schema gains a member, then the generated types change (the check can fail)', async () => {
    const parsed = JSON.parse(schemaText('schedule.schema.json')) as { $defs: { patch: { properties: Record<string, unknown> } } };
    parsed.$defs.patch.properties['probe'] = { type: 'boolean' };
    const changed = await generateSchemaTypes(JSON.stringify(parsed), 'schedule.schema.json', 'Schedule');
    expect(changed).toMatch(/probe\?: boolean;/);
    expect(changed).not.toBe(readFileSync(outputFileOf('schedule.schema.json'), 'utf8'));
  });
});
