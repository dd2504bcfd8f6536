import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newProjectAs, startHarness, type Harness } from './support/harness';
import { toneWav } from '../support/wav';

// #19 item 6: a focus group's recording plays beside its transcript. The WAV (eight seconds of a
// tone) and the WebVTT transcript are written here; the recording is linked by its path (browser
// mode), served by the local server behind the token with range requests, and played from a turn.

const VTT = [
  'WEBVTT',
  '',
  '00:00:00.000 --> 00:00:02.000',
  '<v Moderator>Welcome, everyone. How was the first week?',
  '',
  '00:00:02.000 --> 00:00:04.000',
  '<v Mentee 1>Hard at first. Nobody knew my name.',
  '',
  '00:00:04.000 --> 00:00:06.000',
  '<v Mentee 2>My mentor called me on the second day.',
  '',
  '00:00:06.000 --> 00:00:08.000',
  '<v Moderator>Thank you both.',
  '',
].join('\n');

describe('the recording alongside the transcript (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('links a recording, plays it from a turn, highlights the turn heard and answers its keys while correcting text', async () => {
    h = await startHarness();
    const { page } = h;
    const vtt = path.join(h.home, 'group-1.vtt');
    fs.writeFileSync(vtt, VTT);
    const wav = path.join(h.home, 'group-1.wav');
    fs.writeFileSync(wav, toneWav(8));
    await newProjectAs(h, 'Mentoring focus groups', 'Dana Ruiz');

    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(vtt);
    await dialog.locator('[data-status="ready"]').waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const root = page.getByLabel(/^Transcript of /);
    await root.waitFor();
    const bar = page.getByRole('region', { name: 'Recording' });
    await bar.getByRole('button', { name: 'Link a recording…' }).click();
    await bar.getByLabel('Path of the audio or video file on this computer').fill(wav);
    await bar.getByRole('button', { name: 'Link', exact: true }).click();
    // By CSS, not by role: a dialog open over the page hides the bar from the accessibility tree.
    const audio = page.locator('.media-bar audio');
    await audio.waitFor({ state: 'attached' });
    // The server answers the player's range requests: its length arrives from the WAV's header.
    await expect.poll(() => bar.getByLabel('Position in the recording').textContent()).toBe('00:00 / 00:08');
    await h.screenshot('recording-linked');

    // Each turn's time plays from there.
    const turns = root.locator('.turn');
    expect(await turns.locator('.play-from').allTextContents()).toEqual(['00:00:00', '00:00:02', '00:00:04', '00:00:06']);
    await turns.nth(2).getByRole('button', { name: 'Play from 00:04' }).click();
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThanOrEqual(4);
    expect(await audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeLessThan(6);
    const playing = await audio.evaluate((el: HTMLAudioElement) => !el.paused);
    // The turn heard is highlighted (Chromium here plays WAV; if it could not, the position still selects the turn).
    await expect.poll(() => root.locator('.turn.playing .turn-meta .speaker').allTextContents()).toEqual(['Mentee 2']);
    expect(await turns.nth(2).getAttribute('aria-current')).toBe('true');
    await h.screenshot('recording-playing-turn');
    if (playing) {
      await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 8000 }).toBeGreaterThanOrEqual(6);
      await expect.poll(() => root.locator('.turn.playing .turn-meta .speaker').allTextContents()).toEqual(['Moderator']);
    }

    // Keys work while a transcript's words are being corrected: Ctrl+Space pauses and plays, Ctrl+Shift+Space goes back 5 s.
    await turns.nth(1).getByRole('button', { name: 'Play from 00:02' }).click();
    await turns.nth(1).locator('.unit-text').first().click();
    await page.keyboard.press('F2');
    const words = page.getByLabel('Words of the turn');
    await words.waitFor();
    const typed = await words.inputValue();
    await page.keyboard.press('Control+Space');
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);
    expect(await words.inputValue()).toBe(typed);
    const before = await audio.evaluate((el: HTMLAudioElement) => el.currentTime);
    await page.keyboard.press('Control+Shift+Space');
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBe(Math.max(0, before - 5));
    expect(await words.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
  });
});
