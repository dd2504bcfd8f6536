import { afterEach, describe, expect, it } from 'vitest';
import { newProjectAs, startHarness, type Harness } from './support/harness';

// A Persian interview (labels with the zero-width non-joiner, Persian digits, ؟ and ؛).
const PERSIAN = [
  'مصاحبه‌کننده: سال اول دانشکده پزشکی برای شما چطور گذشت؟',
  'شرکت‌کننده ۴: سخت بود. هیچ‌کس را نمی‌شناختم و برنامه هر هفته عوض می‌شد!',
  'مصاحبه‌کننده: منتور شما کی با شما تماس گرفت؟',
  'شرکت‌کننده ۴: هفته دوم؛ در کتابخانه همدیگر را دیدیم. بعد از آن همه‌چیز آسان‌تر شد.',
].join('\n\n');

describe('a right-to-left transcript in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('show a Persian transcript right to left', async () => {
    h = await startHarness();
    const { page } = h;
    await newProjectAs(h, 'Mentoring in Tehran', 'Dana Ruiz');

    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByRole('button', { name: 'Paste text…' }).click();
    await dialog.getByLabel('Pasted transcript').fill(PERSIAN);
    await dialog.getByRole('button', { name: 'Read pasted text' }).click();
    await dialog.locator('[data-status="ready"]').waitFor();
    const speakers = dialog.getByRole('table', { name: 'Detected speakers' });
    await expect.poll(() => speakers.locator('tbody tr td:first-child').allTextContents()).toEqual(['مصاحبه‌کننده', 'شرکت‌کننده ۴']);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const root = page.getByLabel(/^Transcript of /);
    await root.waitFor();
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['مصاحبه‌کننده', 'شرکت‌کننده ۴', 'مصاحبه‌کننده', 'شرکت‌کننده ۴']);
    // Sentences end at ؟ ! and . as Persian writes them: the second answer holds two units.
    const units = root.locator('.turn').nth(3).locator('.unit-text');
    await expect.poll(() => units.allTextContents()).toEqual(['هفته دوم؛ در کتابخانه همدیگر را دیدیم.', 'بعد از آن همه‌چیز آسان‌تر شد.']);

    const turn = root.locator('.turn').nth(1);
    const layout = await turn.evaluate((el) => {
      const meta = el.querySelector('.turn-meta')!.getBoundingClientRect();
      const body = el.querySelector('.turn-body')!.getBoundingClientRect();
      const unit = el.querySelector('.unit-text')!;
      return {
        turn: getComputedStyle(el).direction,
        text: getComputedStyle(unit).direction,
        align: getComputedStyle(unit).textAlign,
        speakerRightOfText: meta.left > body.left,
        header: getComputedStyle(document.querySelector('.transcript-header')!).direction,
      };
    });
    // The speaker stands on the right and the words run from it leftwards; the app's own chrome stays left to right.
    expect(layout).toEqual({ turn: 'rtl', text: 'rtl', align: 'start', speakerRightOfText: true, header: 'ltr' });
    await h.screenshot('transcript-persian-rtl');
  });
});
