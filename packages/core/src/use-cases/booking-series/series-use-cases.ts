/** The booking series use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CancelSeriesFrom, CreateBookingSeries, GenerateSeriesOccurrences, GetBookingSeries, SkipSeriesOccurrence, UpdateSeriesFrom } from '../scheduling/booking-series.use-case.js';

export function seriesUseCases({ uow, ids, orgs, systemAudit, jobs }: CoreServices) {
  return {
    create: new CreateBookingSeries({ uow, ids }),
    get: new GetBookingSeries({ uow }),
    updateFrom: new UpdateSeriesFrom({ uow, ids }),
    skip: new SkipSeriesOccurrence({ uow, ids }),
    cancelFrom: new CancelSeriesFrom({ uow, ids }),
    generate: new GenerateSeriesOccurrences({ uow, ids, orgs, systemAudit, jobs }),
  };
}
