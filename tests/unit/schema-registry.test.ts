import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { SCHEMA_ID_BASE, createSchemaRegistry, schemaRegistry, schemaValidator } from '../../src/validation/schema-registry.ts';

describe('the schema registry', () => {
  it('when two parts of the gateway ask for the same schema, then they get the one compiled validator', () => {
    expect(schemaValidator('policy.schema.json')).toBe(schemaRegistry().validator(`${SCHEMA_ID_BASE}policy.schema.json`));
    expect(schemaValidator('schedule.schema.json#/$defs/create')).toBe(schemaValidator('schedule.schema.json#/$defs/create'));
  });

  it('when a property is missing, extra, or not one of an enum, then each error points at that property, escaped, with one wording', () => {
    const create = schemaValidator('schedule.schema.json#/$defs/create');
    const errors = create.check({ name: 'x', jobKind: 'koffie', 'a/b~c': 1 });
    expect(errors).toEqual(
      expect.arrayContaining([
        { pointer: '/cron', detail: 'is required', rule: 'required' },
        { pointer: '/a~1b~0c', detail: 'is not allowed here', rule: 'additionalProperties' },
        expect.objectContaining({ pointer: '/jobKind', rule: 'enum', detail: expect.stringMatching(/^must be one of "/) }),
      ]),
    );
    expect(create.check({ name: 'x' }, { prefix: '/body' })).toContainEqual({ pointer: '/body/cron', detail: 'is required', rule: 'required' });
  });

  it('when a schema is asked for that no file defines, then that is a config error naming it', () => {
    try {
      createSchemaRegistry().validator(`${SCHEMA_ID_BASE}nope.schema.json`);
      expect.unreachable();
    } catch (error) {
      expect(isGatewayError(error) && error.code === 'config-invalid' && (error.detail ?? '').includes('nope.schema.json')).toBe(true);
    }
  });
});
