/**
 * The dispatcher's questions as use cases take them — a window of instants, who would take it,
 * skills asked for — and their answers (JSON). How long a window may be, and that its end comes
 * after its start, is checked in schedule-window.ts once the instants are read.
 */
import { Type } from '@sinclair/typebox';
import { FieldRefusal, Instant, InstantView, Int, Nullable, OneOf, PageOf } from '../../contracts/schema-vocabulary.js';
import { ClientAddressView } from '../clients/client-schemas.js';
import { DEFAULT_QUEUE_DAYS, MAX_CHECK_HOURS, MAX_QUEUE_DAYS } from './schedule-window.js';
import { BookingView, WorkerRecordView } from './scheduling-views.js';

export const MAX_SKILL_TAGS = 20;

/** [start, end) of at most a week, as conflicts and suggestions take it. */
export const CheckWindowFields = {
  start: Instant({ description: 'Start of the window (inclusive)' }),
  end: Instant({ description: `End of the window (exclusive): after start, at most ${MAX_CHECK_HOURS} hours later` }),
};

/**
 * Skill tags, each item one tag or several separated by commas; trimmed, lower-cased, without
 * repeats, at most 20 in all.
 */
export const SkillTags = Type.Transform(
  Type.Array(Type.String({ maxLength: 400 }), { maxItems: MAX_SKILL_TAGS, description: `Skill tags, comma-separated or repeated (at most ${MAX_SKILL_TAGS})` }),
)
  .Decode((items) => {
    const tags = items.flatMap((item) => item.split(','));
    if (tags.length > MAX_SKILL_TAGS) throw new FieldRefusal(`must have at most ${MAX_SKILL_TAGS} tags`);
    return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
  })
  .Encode((tags) => [...tags]);

export const QueueDays = Int(1, MAX_QUEUE_DAYS, { description: `Days ahead (default ${DEFAULT_QUEUE_DAYS})` });

// ---- Answers ----

const Id = () => Type.String({ format: 'uuid' });

export const ScheduleWindowView = Type.Object({ start: InstantView(), end: InstantView() }, { additionalProperties: false, $id: 'ScheduleWindow', description: 'The window answered for' });

export const CONFLICT_KINDS = ['booking', 'blackout', 'outside_working_hours', 'inactive'] as const;

export const ScheduleConflictView = Type.Object(
  {
    kind: OneOf(CONFLICT_KINDS),
    blocking: Type.Boolean({ description: 'false: a warning (outside working hours)' }),
    reason: Type.String(),
    bookingId: Nullable(Id()),
    blackoutId: Nullable(Id()),
    workerId: Nullable(Id()),
    teamId: Nullable(Id()),
    startsAt: Nullable(InstantView()),
    endsAt: Nullable(InstantView()),
  },
  { additionalProperties: false, $id: 'ScheduleConflict' },
);

export const ConflictReportView = Type.Object(
  { window: ScheduleWindowView, available: Type.Boolean({ description: 'True when nothing blocking was found' }), conflicts: Type.Array(ScheduleConflictView) },
  { additionalProperties: false, $id: 'ConflictReport' },
);

export const DEFAULT_SUGGESTIONS = 20;
export const MAX_SUGGESTIONS = 100;

export const SuggestionLimit = Int(1, MAX_SUGGESTIONS, { description: `How many teams and how many workers to answer at most, best first (default ${DEFAULT_SUGGESTIONS})` });

/** A worker as a dispatcher picks one: who, and their home team (the roster's other fields are for ranking). */
const SuggestedWorkerView = Type.Object(
  { id: Id(), name: Type.String(), teamId: Nullable(Id()), teamName: Nullable(Type.String({ description: 'The home team’s name' })) },
  { additionalProperties: false, $id: 'SuggestedWorker', description: 'GET /v1/admin/workers/{id} has the whole record' },
);

export const SuggestionsView = Type.Object(
  {
    window: ScheduleWindowView,
    blockedBy: Type.Array(ScheduleConflictView, { description: 'Org-wide blackouts; when any, nobody is suggested' }),
    total: Type.Object(
      {
        teams: Type.Integer({ description: 'Teams that qualified; `teams` holds the best `limit` of them' }),
        workers: Type.Integer({ description: 'Workers that qualified; `workers` holds the best `limit` of them' }),
      },
      { additionalProperties: false },
    ),
    teams: Type.Array(
      Type.Object(
        {
          team: Type.Object({ id: Id(), name: Type.String() }, { additionalProperties: false }),
          memberCount: Type.Integer({ description: 'Active members, every one free' }),
          loadMinutes: Type.Integer({ description: 'Member-minutes already booked on the window’s local day' }),
          rank: Type.Integer(),
          reasons: Type.Array(Type.String()),
        },
        { additionalProperties: false, $id: 'TeamSuggestion' },
      ),
    ),
    workers: Type.Array(
      Type.Object(
        {
          worker: SuggestedWorkerView,
          skillsMatched: Type.Array(Type.String()),
          skillsMissing: Type.Array(Type.String()),
          withinWorkingHours: Type.Boolean(),
          loadMinutes: Type.Integer({ description: 'Minutes already booked on the window’s local day' }),
          rank: Type.Integer(),
          reasons: Type.Array(Type.String()),
        },
        { additionalProperties: false, $id: 'WorkerSuggestion' },
      ),
    ),
  },
  { additionalProperties: false, $id: 'AssigneeSuggestions' },
);

/** A booking on the board: the booking, for whom (the client's name) and where (the address as a client's addresses show it). */
export const BoardBookingView = Type.Object(
  {
    ...BookingView.properties,
    client: Type.Object({ id: Id(), name: Type.String() }, { additionalProperties: false }),
    address: Nullable(ClientAddressView),
    serviceName: Nullable(Type.String()),
  },
  { additionalProperties: false, $id: 'BoardBooking' },
);

export const ScheduleBoardView = Type.Object(
  {
    window: ScheduleWindowView,
    timeZone: Type.String({ description: 'The org’s zone; a default window is its local days' }),
    workers: Type.Array(Type.Object({ worker: WorkerRecordView, bookings: Type.Array(BoardBookingView) }, { additionalProperties: false })),
    unassigned: Type.Array(BoardBookingView),
  },
  { additionalProperties: false, $id: 'ScheduleBoard' },
);

export const QueueItemView = Type.Object(
  { booking: BookingView, urgent: Type.Boolean({ description: 'Starts within 24 hours' }) },
  { additionalProperties: false, $id: 'AssignmentQueueItem' },
);

export const AssignmentQueuePageView = PageOf(QueueItemView, { $id: 'AssignmentQueuePage' });
