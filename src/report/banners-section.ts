import type { Results } from '../model.ts';
import type { ReportBlock } from './report-types.ts';
import { segmentsSection } from './segments-section.ts';
import { segmentSlugs } from './segment-slug.ts';
import type { ReportOptions } from './report-types.ts';

/**
 * Issue 16: one crosstab per banner after the segment (results.banners[1..]): "Themes by region",
 * the same table, tests, BH-adjusted p, verdicts and pairwise letters as "Themes by segment", with the
 * banner's groups as the columns. The segment banner (banners[0]) is "Themes by segment" itself.
 */
export function bannersSection(results: Results, options: ReportOptions = {}): ReportBlock[] {
  const banners = (results.banners ?? []).slice(1);
  // Each banner's CSV table, named as render-tables.ts names it (issue 19: a capped crosstab points to it).
  const slugs = segmentSlugs(
    banners.map((banner) => banner.column),
    '',
  );
  return banners.flatMap((banner, b) => {
    // The banner's figures put in the places segmentsSection reads (same themes, in codebook order).
    const view: Results = {
      ...results,
      segments: banner.groups,
      themes: results.themes.map((theme, t) => {
        const figures = banner.themes[t]!;
        const { pairwise: _, ...rest } = theme;
        return {
          ...rest,
          bySegment: figures.bySegment,
          segmentTest: figures.segmentTest,
          ...(figures.pairwise === undefined ? {} : { pairwise: figures.pairwise }),
        };
      }),
    };
    const slug = `themes-by-banner-${b + 2}`;
    const words = {
      heading: `Themes by ${banner.column}`,
      id: slug,
      one: `${banner.column} group`,
      many: `${banner.column} groups`,
      file: `tables/themes-by-${slugs[b]}.csv`,
    };
    return segmentsSection(view, [], {}, words, options);
  });
}
