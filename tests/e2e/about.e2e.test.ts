import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

describe('Help → About in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('shows the app version and, with a project open, that file’s schema version', async () => {
    h = await startHarness();
    const { page } = h;
    // A dialog that just closed hands focus back a moment later, which can close a palette opened
    // in that moment (seen once in CI): the palette is asked again, at most three times.
    const openAbout = async () => {
      const about = page.getByRole('dialog', { name: 'About Condensa' });
      for (let attempt = 1; ; attempt += 1) {
        await page.keyboard.press('Control+k');
        await page.getByRole('textbox', { name: 'Command' }).fill('About Condensa');
        await page.keyboard.press('Enter');
        try {
          await about.waitFor({ timeout: 5_000 });
          return about;
        } catch (err) {
          if (attempt === 3) throw err;
          await page.keyboard.press('Escape');
        }
      }
    };

    await page.getByRole('button', { name: 'Open the sample project' }).waitFor();
    let about = await openAbout();
    await about.waitFor();
    // The harness serves browser mode with version "test".
    await expect.poll(() => about.textContent()).toContain('Condensa test');
    expect(await about.textContent()).toMatch(/Project file schema: v\d+/);
    expect(await about.textContent()).not.toContain('Open project:');
    await about.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    // The coder is chosen (and that dialog gone) before the palette is asked for the next one.
    await page.getByText('Coder: Amira Haddad').waitFor();
    about = await openAbout();
    await about.waitFor();
    await expect.poll(() => about.textContent()).toMatch(/Open project: schema v\d+, .*\.condensa/);
    await h.screenshot('about-dialog');
  });
});
