// What operators send to create or change a schedule, checked in two steps, each reporting every
// problem with its pointer into the request body: the shape against schemas/schedule.schema.json
// (create, patch, and each job kind's params; through the schema registry), then what only the
// gateway can judge (the cron expression, the time zone, and the job's own check, e.g. a party that
// has no batch source).
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { schemaValidator, type SchemaValidator } from '../validation/schema-registry.ts';
import { validateCronSchedule } from './cron.ts';
import { jobKinds, type Job, type JobKind } from './job.ts';
import type { ScheduleCreate, SchedulePatch } from '../validation/schema-types/schedule.ts';

const part = <T>(def: string): SchemaValidator<T> => schemaValidator<T>(`schedule.schema.json#/$defs/${def}`);

function invalid(errors: FieldError[]): GatewayError {
  return new GatewayError('invalid-input', { detail: 'the schedule is invalid', errors });
}

export interface ScheduleInput {
  /** The body of a create, or GatewayError 'invalid-input' listing every problem with its shape. */
  create(input: unknown): ScheduleCreate;
  /** The body of a change, or GatewayError 'invalid-input' listing every problem with its shape. */
  patch(input: unknown): SchedulePatch;
  /** Throws GatewayError 'invalid-input' listing every problem with a schedule's cron, zone and params. */
  checkSemantics(cron: string, timeZone: string, kind: JobKind, params: Readonly<Record<string, unknown>>): void;
}

/** The checks, their schemas compiled once (on the first scheduler made); `jobFor` gives a kind's job. */
export function scheduleInput(jobFor: (kind: JobKind) => Job): ScheduleInput {
  const create = part<ScheduleCreate>('create');
  const patch = part<SchedulePatch>('patch');
  const params = new Map(jobKinds.map((kind) => [kind, part<Record<string, unknown>>(kind)] as const));
  return {
    create(input) {
      const errors = create.check(input);
      if (errors.length > 0) throw invalid(errors);
      return input as ScheduleCreate;
    },
    patch(input) {
      const errors = patch.check(input);
      if (errors.length > 0) throw invalid(errors);
      return input as SchedulePatch;
    },
    checkSemantics(cron, timeZone, kind, jobParams) {
      const paramErrors = (params.get(kind) as SchemaValidator<unknown>).check(jobParams, { prefix: '/params' });
      const errors = [...validateCronSchedule(cron, timeZone), ...paramErrors, ...(paramErrors.length === 0 ? jobFor(kind).check(jobParams) : [])];
      if (errors.length > 0) throw invalid(errors);
    },
  };
}
