/** The booking series use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CancelSeriesFrom } from './cancel-series-from.use-case.js';
import { CreateBookingSeries } from './create-booking-series.use-case.js';
import { GenerateSeriesOccurrences } from './generate-series-occurrences.use-case.js';
import { GetBookingSeries } from './get-booking-series.use-case.js';
import { SkipSeriesOccurrence } from './skip-series-occurrence.use-case.js';
import { UpdateSeriesFrom } from './update-series-from.use-case.js';

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
