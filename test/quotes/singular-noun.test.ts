import { describe, expect, it } from 'vitest';
import { singularNoun } from '../../src/quotes/singular-noun.ts';
import { withArticle } from '../../src/quotes/with-article.ts';

describe('singularNoun and withArticle', () => {
  it('makes the last word singular', () => {
    const cases: [string, string][] = [
      ['funders', 'funder'],
      ['nonprofits', 'nonprofit'],
      ['public agencies', 'public agency'],
      ['business associations', 'business association'],
      ['churches', 'church'],
      ['NGOs', 'NGO'],
      ['people', 'person'],
      ['staff', 'staff'],
      ['campus', 'campus'],
    ];
    for (const [plural, singular] of cases) expect(singularNoun(plural), plural).toBe(singular);
  });

  it('chooses a or an by sound', () => {
    expect(withArticle('funder')).toBe('a funder');
    expect(withArticle('public agency')).toBe('a public agency');
    expect(withArticle('elected official')).toBe('an elected official');
    expect(withArticle('umbrella group')).toBe('an umbrella group');
    expect(withArticle('university')).toBe('a university');
    expect(withArticle('hourly worker')).toBe('an hourly worker');
    expect(withArticle('NGO')).toBe('an NGO');
    expect(withArticle('CBO')).toBe('a CBO');
  });
});
