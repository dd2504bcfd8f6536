import { describe, expect, it } from 'vitest';
import { formatAttribution, ordinalSuffix, unknownAttributionFields } from '../../../shared/domain/attribution';

describe('quote attribution templates', () => {
  const mentee = { pseudonym: 'Mentee 3', session: 'focus group 2', Role: 'Mentee', 'Year of study': '4', Gender: 'Woman' };

  it('fills fields by name, case-insensitively', () => {
    expect(formatAttribution('{pseudonym}, {session}', mentee)).toBe('Mentee 3, focus group 2');
    expect(formatAttribution('{PSEUDONYM} – {role}', mentee)).toBe('Mentee 3 – Mentee');
  });

  it('writes ordinals and lower case, and makes the article agree', () => {
    expect(formatAttribution('a {Year of study:ordinal-word}-year {Role:lower}', mentee)).toBe('a fourth-year mentee');
    expect(formatAttribution('a {Year of study:ordinal-word}-year {Role:lower}', { ...mentee, 'Year of study': '8' })).toBe('an eighth-year mentee');
    expect(formatAttribution('{Year of study:ordinal} year', { 'Year of study': '22' })).toBe('22nd year');
    expect(ordinalSuffix(11)).toBe('11th');
    expect(ordinalSuffix(103)).toBe('103rd');
  });

  it('drops empty fields with their separators', () => {
    expect(formatAttribution('{pseudonym}, {session}', { pseudonym: 'Mentee 3', session: '' })).toBe('Mentee 3');
    expect(formatAttribution('{pseudonym} ({Role}, {Gender})', { pseudonym: 'Mentee 3', Gender: 'Woman' })).toBe('Mentee 3 (Woman)');
    expect(formatAttribution('{pseudonym} ({Role}, {Gender})', { pseudonym: 'Mentee 3' })).toBe('Mentee 3');
    expect(formatAttribution('{session}, {pseudonym}', { pseudonym: 'Mentor 1' })).toBe('Mentor 1');
  });

  it('names the fields no participant has', () => {
    expect(unknownAttributionFields('{pseudonym}, {Year of study}, {shoe size}', ['Year of study'])).toEqual(['shoe size']);
  });
});
