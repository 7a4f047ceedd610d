/**
 * Moved to use-cases/booking-series/ (one file per use case). This re-export remains only because
 * the package index (not this area's file) still names this path: delete it with those lines.
 */
export type { SeriesResult, UnassignedOccurrence } from '../booking-series/series-support.js';
export type { GenerateSeriesResult } from '../booking-series/generate-series-occurrences.use-case.js';
