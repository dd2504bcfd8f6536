import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// #22 item 5: opening Compare brings the consensus up to date, a step the app takes itself. Undo,
// from the Edit menu, the palette and Ctrl+Z, offers and names the user's own step, says the
// automatic one went with it, and the audit log says what each undo did.

describe('automatic steps are not offered as the user’s undo (Chromium)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('after a code removed and Compare opened, Undo names the removal, takes the consensus update with it, and the audit log lists both', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    // A unit both coders gave the same code: Amira takes hers off (the user's step).
    const units = page.locator('.transcript .unit');
    await units.first().waitFor();
    const at = await units.evaluateAll((els) =>
      els.findIndex((u) => {
        const codes = [...u.querySelectorAll('.chip[data-code-id]')].map((c) => c.getAttribute('data-code-id'));
        return [...u.querySelectorAll('.chip[data-code-id]')].some((c) => c.querySelector('.chip-remove') && codes.filter((x) => x === c.getAttribute('data-code-id')).length === 2);
      }),
    );
    expect(at, 'a unit both coders coded alike').toBeGreaterThanOrEqual(0);
    const unit = units.nth(at);
    const mine = unit.locator('.chip', { has: page.locator('.chip-remove') }).first();
    const code = (await mine.getAttribute('data-code-id'))!;
    const chipsOfCode = unit.locator(`.chip[data-code-id="${code}"]`);
    await mine.locator('.chip-remove').click();
    await expect.poll(() => chipsOfCode.count()).toBe(1);
    await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();

    // Compare opens: the consensus is brought up to date after the removal (the app's own step).
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    await page.getByTestId('discrepancy-counts').waitFor();
    await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();

    // The Edit menu names the removal, not the update.
    const bar = page.getByRole('menubar', { name: 'Menu bar' });
    await bar.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    const undoItem = page.getByRole('menu').getByRole('menuitem', { name: /^Undo/ });
    await expect.poll(() => undoItem.textContent()).toMatch(/^Undo [‘“]Remove /);
    const menuLabel = (await undoItem.textContent())!;
    expect(menuLabel).not.toMatch(/consensus/i);
    await h.screenshot('undo-automatic-menu-light');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });

    // So does the palette.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('textbox', { name: 'Command' }).fill('undo');
    const option = palette.getByRole('option', { name: /^Undo/ }).first();
    await expect.poll(() => option.textContent()).toMatch(/^Undo [‘“]Remove /);
    expect(await option.textContent()).not.toMatch(/consensus/i);
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });

    // Ctrl+Z takes back the removal, and says the update went with it.
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('Control+z');
    const notice = page.getByRole('status').filter({ hasText: /^Undid / });
    await notice.waitFor();
    const said = (await notice.textContent())!;
    expect(said).toMatch(/^Undid [‘“]Remove .* \(with the app’s own step after it: Update the consensus \(\d+ added, \d+ removed\)\)[’”]\.$/);
    await h.screenshot('undo-automatic-notice-light');

    // The audit log says what each undo did: the automatic update, then the user's step.
    await page.getByRole('tab', { name: 'Audit log', exact: true }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    await log.getByRole('cell', { name: /^Undo: Update the consensus \(\d+ added, \d+ removed\) \(automatic, after the step undone with it\)$/ }).waitFor();
    await log.getByRole('cell', { name: /^Undo: Remove / }).first().waitFor();
    await h.screenshot('undo-automatic-audit-light');

    // Back on the transcript, Amira's code is on the unit again.
    await page.getByRole('tab', { name: 'Transcript', exact: true }).click();
    await expect.poll(() => page.locator('.transcript .unit').nth(at).locator(`.chip[data-code-id="${code}"]`).count()).toBe(2);

    // Dark theme: the Edit menu now offers Redo of the same step.
    await page.keyboard.press('Control+k');
    await palette.getByRole('textbox', { name: 'Command' }).fill('dark theme');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await bar.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    const redoItem = page.getByRole('menu').getByRole('menuitem', { name: /^Redo/ });
    await expect.poll(() => redoItem.textContent()).toMatch(/^Redo [‘“]Remove /);
    await h.screenshot('undo-automatic-menu-dark');
    await page.keyboard.press('Escape');
  });
});
