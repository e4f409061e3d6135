import { describe, expect, it } from 'vitest';
import { maskIdentifiers } from '../../src/quotes/mask-identifiers.ts';

describe('maskIdentifiers', () => {
  it('masks e-mail addresses, phone numbers and configured names', () => {
    const out = maskIdentifiers('Call Ellah Ronen at (213) 555-0123 or ellah.ronen@lansync.example.org.', ['Ellah Ronen']);
    expect(out).toEqual({ text: 'Call [name] at [phone] or [email].', emails: 1, phones: 1, names: 1 });
  });

  it('knows the usual telephone forms', () => {
    for (const phone of [
      '213-555-0123',
      '213.555.0123',
      '213 555 0123',
      '(213)555-0123',
      '1-800-555-0199',
      '+1 213 555 0123',
      '+44 20 7946 0958',
      '555-0123',
    ]) {
      expect(maskIdentifiers(`reach me at ${phone} today`, []).text, phone).toBe('reach me at [phone] today');
    }
  });

  it('leaves years, year ranges, money, counts and ids alone', () => {
    const text = 'In 2014-2015 we raised $1.3 billion for 38,000 workers (130,000 in 1991), grant 12-3456, ids R001 and 2014.';
    expect(maskIdentifiers(text, [])).toEqual({ text, emails: 0, phones: 0, names: 0 });
  });

  it('matches names case-insensitively as whole words, across white space, longest first', () => {
    const names = ['Ann', 'AMP SoCal', 'Ann Lee'];
    expect(maskIdentifiers('ann said the Annual review at amp  socal was fine; Ann Lee agreed.', names).text).toBe(
      '[name] said the Annual review at [name] was fine; [name] agreed.',
    );
    expect(maskIdentifiers("Ronen's team", ['Ronen']).text).toBe("[name]'s team");
    expect(maskIdentifiers('Ängel and Ángel', ['Ángel']).text).toBe('Ängel and [name]');
  });

  it('never masks a replacement again (a name "name" does not touch "[name]")', () => {
    expect(maskIdentifiers('Ask name or Dana', ['name', 'Dana']).text).toBe('Ask [name] or [name]');
  });

  it('treats regular-expression characters in names literally', () => {
    expect(maskIdentifiers('Fund (LA) and Fund LA', ['Fund (LA)']).text).toBe('[name] and Fund LA');
  });
});
