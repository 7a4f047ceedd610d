import { Type } from '@sinclair/typebox';
import type { SystemContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { DEFAULT_SERIES_HORIZON_DAYS } from '../../domain/scheduling/booking-series.js';
import { HorizonDays } from '../../domain/scheduling/series-schemas.js';
import { addDays } from '../../domain/scheduling/zoned-time.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';
import { auditOccurrences, materialise, today, type SeriesDeps } from './series-support.js';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

const contract = defineContract({
  name: 'GenerateSeriesOccurrences',
  input: Type.Object({ horizonDays: Type.Optional(HorizonDays) }, { additionalProperties: false }),
  output: Type.Object(
    {
      orgsScanned: Count('Organisations visited'),
      seriesExtended: Count('Series whose occurrences were made up to the horizon'),
      occurrencesCreated: Count('Occurrences made'),
      unassigned: Count('Occurrences made without their people'),
      orgsFailed: Count('Organisations whose run failed (the run then fails with the first error)'),
    },
    { additionalProperties: false, $id: 'SeriesGenerationRun' },
  ),
});

export type GenerateSeriesOccurrencesInput = ContractInput<typeof contract>;

export interface GenerateSeriesResult {
  readonly orgsScanned: number;
  readonly seriesExtended: number;
  readonly occurrencesCreated: number;
  readonly unassigned: number;
  readonly orgsFailed: number;
}

const SERIES_BATCH = 200;

/**
 * The `booking-series-generate` job: in every org, makes occurrences of open series up to the
 * horizon from today. Idempotent (dates already made are skipped); one org failing does not stop
 * the others, and the run then fails with the first error so the host retries.
 * @throws validation.failed — a horizon outside 1 to 366 days.
 */
export class GenerateSeriesOccurrences {
  static readonly contract = contract;

  constructor(private readonly deps: SeriesDeps & ForEachOrgDeps) {}

  async execute(sys: SystemContext, input: GenerateSeriesOccurrencesInput = {}): Promise<GenerateSeriesResult> {
    const horizon = checkInput(contract, input).horizonDays ?? DEFAULT_SERIES_HORIZON_DAYS;
    let seriesExtended = 0;
    let occurrencesCreated = 0;
    let unassigned = 0;
    const run = { action: 'system.booking_series_generate', metadata: { horizon_days: horizon } };
    const { orgsScanned, orgsFailed } = await forEachOrg(this.deps, sys, run, async (ctx) => {
      for (;;) {
        const batch = await this.deps.uow.run(ctx, async (repos) => {
          const zone = (await repos.orgSettings.get())?.timeZone ?? 'UTC';
          const from = today(ctx, zone);
          const through = addDays(from, horizon);
          const due = await repos.bookingSeries.listNeedingGeneration(through, SERIES_BATCH);
          for (const series of due) {
            // One horizon per org (its zone): a series listed as due is always advanced to it.
            const result = await materialise(ctx, this.deps.ids, repos, series, from > series.startDate ? from : series.startDate, through);
            await auditOccurrences(ctx, this.deps.ids, repos, result.created);
            occurrencesCreated += result.created.length;
            unassigned += result.unassigned.length;
          }
          return due.length;
        });
        seriesExtended += batch;
        if (batch < SERIES_BATCH) return;
      }
    });
    return { orgsScanned, seriesExtended, occurrencesCreated, unassigned, orgsFailed };
  }
}
