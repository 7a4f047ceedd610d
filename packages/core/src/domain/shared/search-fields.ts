/** The fields `q` can match on leads and clients. Which of them an actor may search is the access policy's call. */
export const SEARCH_FIELDS = ['name', 'email', 'phone'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
