/**
 * "As known at" conditions. recorded_at / created_at keep microseconds, while the API reports instants
 * in milliseconds: compare at the API's precision, so the recordedAt a response gave back, used as
 * knownAt, includes that very row.
 */
export const knownAtSql = (column: string, param: string): string => `date_trunc('milliseconds', ${column}) <= ${param}`;
