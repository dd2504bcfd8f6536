import type Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// A blind coder copy handed to "someone new": the person who opens it is asked who they are, a new
// coder by default, and every coding they make carries their name, not the lead's.

async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Command' }).fill(command);
  await page.keyboard.press('Enter');
}

/** Codings in the open project by coder name and code name (read through the server's own connection). */
function codingsBy(db: Database.Database, coder: string): { code: string; count: number }[] {
  return db
    .prepare(
      `SELECT n.name AS code, count(*) AS count FROM codings c JOIN coders p ON p.id = c.coder_id JOIN codebook_nodes n ON n.id = c.code_id
       WHERE p.name = ? GROUP BY n.name ORDER BY n.name`,
    )
    .all(coder) as { code: string; count: number }[];
}

describe('a coder copy opened by someone new (Chromium, browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('asks who is coding with a new coder first, shows the name in the status bar and records the codings under it', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    // Amira hands a blind copy to someone not yet in the study.
    await palette(page, 'hand a copy');
    const handOut = page.getByRole('dialog', { name: 'Hand a copy to another coder' });
    await handOut.getByLabel('Who will code in the copy?').selectOption({ label: 'Someone new (they add themselves when they open it)' });
    expect(await handOut.getByLabel('Leave out the other coders’ codings (blind)').isChecked()).toBe(true);
    await handOut.getByLabel(/File name/).fill('For a new coder');
    await handOut.getByRole('button', { name: 'Write the copy' }).click();
    await page.getByRole('dialog', { name: 'Coder copy written' }).getByRole('button', { name: 'Done' }).click();
    await palette(page, 'close project');
    await page.getByRole('button', { name: 'Open the sample project' }).waitFor();

    // The new person opens it (from the Open project dialog, which used to close the question with itself):
    // nobody is chosen for them, the dialog says why and the New coder field has the focus.
    await palette(page, 'open project');
    await page.getByRole('dialog', { name: 'Open project' }).getByRole('button', { name: 'For a new coder', exact: true }).click();
    const who = page.getByRole('dialog', { name: 'Who is coding?' });
    await who.getByRole('note').filter({ hasText: 'This is a coder copy from Amira Haddad for someone new. Add yourself as a new coder below' }).waitFor();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder)).toBe('Your name');
    await h.screenshot('coder-copy-who-is-coding-light');
    // Typing and Enter: the keyboard alone adds them.
    await page.keyboard.type('Sam Patel');
    await page.keyboard.press('Enter');
    await who.waitFor({ state: 'detached' });
    const status = page.locator('.status-bar');
    await status.getByText('Coder: Sam Patel').waitFor();
    await status.getByText('Coder copy', { exact: true }).waitFor();

    // Blind: none of the lead's codings show; Sam codes two units.
    const units = page.locator('.transcript .unit');
    await units.first().waitFor();
    expect(await page.locator('.transcript .chip').count()).toBe(0);
    for (const [index, code] of [
      [0, 'Learning what to focus on'],
      [2, 'Easing exam nerves'],
    ] as const) {
      await units.nth(index).click();
      await page.keyboard.press('a');
      await page.getByRole('dialog', { name: 'Apply code' }).getByRole('textbox', { name: 'Code' }).fill(code);
      await page.keyboard.press('Enter');
      await units.nth(index).locator('.chip', { hasText: code }).waitFor();
    }
    await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
    expect(new Set((await page.locator('.transcript .chip-coder').allTextContents()).map((s) => s.trim()))).toEqual(new Set(['SP']));
    await h.screenshot('coder-copy-sam-codes-light');

    // In the file: the two codings are Sam's; the lead has none in the copy (blind), so none could be taken for Sam's.
    const db = h.server.app.requireProject().db;
    expect(codingsBy(db, 'Sam Patel')).toEqual([
      { code: 'Easing exam nerves', count: 1 },
      { code: 'Learning what to focus on', count: 1 },
    ]);
    expect(codingsBy(db, 'Amira Haddad')).toEqual([]);
  });
});
