/** The booking-series area: its use cases (each with its contract), their schemas and their wiring. */
export * from './create-booking-series.use-case.js';
export * from './get-booking-series.use-case.js';
export * from './update-series-from.use-case.js';
export * from './skip-series-occurrence.use-case.js';
export * from './cancel-series-from.use-case.js';
export * from './generate-series-occurrences.use-case.js';
export type { SeriesResult, UnassignedOccurrence } from './series-support.js';
export * from '../../domain/scheduling/series-schemas.js';
export * from './series-use-cases.js';
