import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness';

async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Command' }).fill(command);
}

async function chooseCoder(page: Page, name: string): Promise<void> {
  const who = page.getByRole('dialog', { name: 'Who is coding?' });
  await Promise.race([who.waitFor(), page.getByText(`Coder: ${name}`).waitFor()]);
  if (await who.isVisible()) await who.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByText(`Coder: ${name}`).waitFor();
}

describe('undo after reopening, in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('names a step from an earlier session in the palette and says what Ctrl+Z undid', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await chooseCoder(page, 'Amira Haddad');
    const unit = page.locator('.transcript .unit').first();
    await unit.waitFor();
    const shown = (await unit.locator('.chip').allTextContents()).join(' ');
    const db = () => h!.server.app.requireProject().db;
    const names = db().prepare(`SELECT name FROM codebook_nodes WHERE level = 'code' ORDER BY name`).pluck().all() as string[];
    const code = names.find((n) => !shown.includes(n))!;

    await unit.click();
    await page.keyboard.press('a');
    const picker = page.getByRole('dialog', { name: 'Apply code' });
    await picker.getByRole('textbox', { name: 'Code' }).fill(code);
    await page.keyboard.press('Enter');
    await unit.locator('.chip', { hasText: code }).waitFor();
    await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
    const title = h.server.app.requireProject().summary().settings.title;

    await palette(page, 'close project');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: title }).first().click();
    await chooseCoder(page, 'Amira Haddad');
    await unit.locator('.chip', { hasText: code }).waitFor();

    await palette(page, 'undo');
    const label = `Undo ‘Code 1 unit with “${code}”’`;
    const option = page.getByRole('option', { name: new RegExp(`^${escape(label)} \\(from the session at .+ today\\)`) });
    await option.waitFor();
    await h.screenshot('undo-earlier-session-palette');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+z');
    await page.getByRole('status').filter({ hasText: new RegExp(`^Undid ‘Code 1 unit with “${escape(code)}”’ \\(from the session at .+ today\\)\\.$`) }).waitFor();
    await expect.poll(() => unit.locator('.chip', { hasText: code }).count()).toBe(0);
    await h.screenshot('undo-earlier-session-notice');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
