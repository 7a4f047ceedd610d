/**
 * The workforce rules a schema cannot say, applied to checked contract input: working spans in
 * order and apart, a blackout's window and whom it is for. Each refusal names the field, as a
 * schema's would.
 */
import type { StaticDecode, TObject } from '@sinclair/typebox';
import { AppError, type FieldError } from '../../errors/app-error.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { BlackoutScope, TimeSpan, WorkingHours } from './workforce.js';
import { spanMinutes } from './workforce.js';
import type { WorkerFields, WorkingHoursInput } from './workforce-schemas.js';
import { WEEKDAYS, minutesOfDay, type Weekday } from './zoned-time.js';

export type CheckedWorkingHours = StaticDecode<typeof WorkingHoursInput>;

function refuse(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw AppError.validation(errors, errors.length === 1 ? `${errors[0]!.pointer} ${errors[0]!.detail}` : 'The input is not valid');
}

/**
 * Working hours from checked input: each span ends after it starts, a day's spans are sorted by
 * start and do not overlap. Null stays null (always available).
 * @throws validation.failed naming each refused span or day.
 */
export function workingHoursFrom(input: CheckedWorkingHours | null, pointer = '/workingHours'): WorkingHours | null {
  if (input === null) return null;
  const errors: FieldError[] = [];
  const hours: Partial<Record<Weekday, TimeSpan[]>> = {};
  for (const day of WEEKDAYS) {
    const spans = input[day];
    if (spans === undefined) continue;
    const valid: TimeSpan[] = [];
    spans.forEach((span, i) => {
      if (spanMinutes(span.end) <= minutesOfDay(span.start)) errors.push({ pointer: `${pointer}/${day}/${i}/end`, detail: 'must be after start' });
      else valid.push({ start: span.start, end: span.end });
    });
    valid.sort((a, b) => (a.start < b.start ? -1 : 1));
    if (valid.some((span, i) => i > 0 && minutesOfDay(span.start) < spanMinutes(valid[i - 1]!.end))) errors.push({ pointer: `${pointer}/${day}`, detail: 'spans must not overlap' });
    hours[day] = valid;
  }
  refuse(errors);
  return hours;
}

/** Blackouts may be long (a holiday fortnight, a sabbatical), unlike bookings. */
export const MAX_BLACKOUT_DAYS = 366;

/**
 * A blackout window (or the window blackouts are listed in): end after start, at most
 * MAX_BLACKOUT_DAYS long.
 * @throws validation.failed at /end.
 */
export function blackoutWindow(start: Date, end: Date): TimeWindow {
  const maxHours = MAX_BLACKOUT_DAYS * 24;
  if (end <= start) refuse([{ pointer: '/end', detail: 'must be after start' }]);
  else if (end.getTime() - start.getTime() > maxHours * 3_600_000) refuse([{ pointer: '/end', detail: `must be at most ${maxHours} hours after start` }]);
  return { from: start, to: end };
}

/**
 * Whom a blackout is for: a team blackout names its team, a worker blackout its worker, an
 * org-wide one nobody (an id of the other kind is ignored, as it always was).
 * @throws validation.failed at /teamId, /workerId or /scope.
 */
export function blackoutTarget(
  scope: BlackoutScope,
  teamId: string | null | undefined,
  workerId: string | null | undefined,
): { readonly teamId: string | null; readonly workerId: string | null } {
  if (scope === 'team') {
    if (teamId == null) refuse([{ pointer: '/teamId', detail: 'is required for a team blackout' }]);
    return { teamId: teamId!, workerId: null };
  }
  if (scope === 'worker') {
    if (workerId == null) refuse([{ pointer: '/workerId', detail: 'is required for a worker blackout' }]);
    return { teamId: null, workerId: workerId! };
  }
  if (teamId != null || workerId != null) refuse([{ pointer: '/scope', detail: 'an org-wide blackout names no team or worker' }]);
  return { teamId: null, workerId: null };
}

/** Checked worker fields, as the create and update contracts give them. */
export type CheckedWorkerFields = StaticDecode<TObject<typeof WorkerFields>> & { readonly name?: string };

export interface WorkerChanges {
  name?: string;
  phone?: string | null;
  email?: string | null;
  skills?: string[];
  active?: boolean;
  teamId?: string | null;
  workingHours?: WorkingHours | null;
}

/**
 * The fields present in `input` (absent ones stay absent; null clears), working hours checked.
 * @throws validation.failed — working spans out of order or overlapping.
 */
export function workerChanges(input: CheckedWorkerFields): WorkerChanges {
  const changes: WorkerChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.phone !== undefined) changes.phone = input.phone;
  if (input.email !== undefined) changes.email = input.email;
  if (input.skills !== undefined) changes.skills = input.skills;
  if (input.active !== undefined) changes.active = input.active;
  if (input.teamId !== undefined) changes.teamId = input.teamId;
  if (input.workingHours !== undefined) changes.workingHours = workingHoursFrom(input.workingHours);
  return changes;
}

/**
 * A service's deposit rule: a percent or a fixed amount, never both (the one that applies must be unambiguous).
 * @throws validation.failed naming the fixed amount when both are set.
 */
export function assertOneDepositRule(rule: { readonly depositPercentBasis: number | null; readonly depositCents: number | null }): void {
  if (rule.depositPercentBasis !== null && rule.depositCents !== null) {
    refuse([{ pointer: '/depositCents', detail: 'must be null when deposit_percent_basis is set (a service asks one kind of deposit)' }]);
  }
}
