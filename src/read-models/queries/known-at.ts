/** Rows known at record position P: known_from_position <= P < known_to_position (NULL = still current). */
export const KNOWN_AT = (alias = '') => `${alias}known_from_position <= @p AND (${alias}known_to_position IS NULL OR ${alias}known_to_position > @p)`;

/** "Known now": every row whose version has not been superseded. Larger than any position. */
export const NOW = Number.MAX_SAFE_INTEGER;

export const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
export const iso = (ms: number): string => new Date(ms).toISOString();
export const parseJson = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));
