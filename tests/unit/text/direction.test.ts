import { describe, expect, it } from 'vitest';
import { detectTurns, paragraphDirection, segmentUnits, textLocale } from '../../../shared/text';

const PERSIAN = [
  'مصاحبه‌کننده: سال اول دانشکده برای شما چطور گذشت؟',
  '',
  'شرکت‌کننده ۴: سخت بود. هیچ‌کس را نمی‌شناختم! بعد منتورم پیدا شد؛ در هفته دوم (حدود ۱۵ مهر).',
].join('\n');

describe('text direction and language from the letters', () => {
  it('a paragraph runs the way its first letter runs', () => {
    expect(paragraphDirection('مصاحبه‌کننده: سلام')).toBe('rtl');
    expect(paragraphDirection('שלום, מה שלומך?')).toBe('rtl');
    expect(paragraphDirection('۱۲: P3 گفت')).toBe('ltr');
    expect(paragraphDirection('“P3” گفت')).toBe('ltr');
    expect(paragraphDirection('12:30 — ...')).toBeNull();
  });

  it('names Persian, Arabic and Hebrew by their letters, else the fallback', () => {
    expect(textLocale(PERSIAN)).toBe('fa');
    expect(textLocale('المحاور: كيف كانت السنة الأولى؟ كانت صعبة.')).toBe('ar');
    expect(textLocale('מראיינת: איך הייתה השנה הראשונה?')).toBe('he');
    expect(textLocale('Interviewer: How was it? مرسی', 'de')).toBe('de');
  });

  it('a Persian transcript: speakers found and sentences ended by ؟ ! and .', () => {
    const { turns } = detectTurns(PERSIAN);
    expect(turns.map((t) => t.speaker)).toEqual(['مصاحبه‌کننده', 'شرکت‌کننده ۴']);
    const units = segmentUnits(PERSIAN, turns, 'sentence').map((u) => PERSIAN.slice(u.start, u.end));
    expect(units).toEqual(['سال اول دانشکده برای شما چطور گذشت؟', 'سخت بود.', 'هیچ‌کس را نمی‌شناختم!', 'بعد منتورم پیدا شد؛ در هفته دوم (حدود ۱۵ مهر).']);
  });
});
