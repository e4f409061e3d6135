/**
 * A reliability data matrix: one row per unit (a respondent, or a respondent × theme pair), one
 * column per coder, each cell the nominal value that coder gave the unit (for a theme: 1 mentioned,
 * 0 not mentioned) or null when the coder did not code the unit. Krippendorff (2011) draws the same
 * matrix transposed (coders × units).
 */
export type Ratings = readonly (readonly (number | null)[])[];
