import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleForChild } from '../integration/support/child';
import { repoRoot, screenshotDir, startHarness, type Harness } from './support/harness';

const unit = (page: Page, index: number): Locator => page.locator('.transcript .unit').nth(index);
const chip = (page: Page, index: number, code: string): Locator => unit(page, index).locator('.chip:not(.pending)', { hasText: code });

async function codeWith(page: Page, index: number, code: string): Promise<void> {
  await unit(page, index).click();
  await page.keyboard.press('a');
  await page.getByRole('dialog', { name: 'Apply code' }).getByRole('textbox', { name: 'Code' }).fill(code);
  await page.keyboard.press('Enter');
  await chip(page, index, code).waitFor();
}

async function startCondensing(page: Page, index: number, text: string): Promise<Locator> {
  await unit(page, index).click();
  await page.keyboard.press('c');
  const editor = unit(page, index).getByRole('textbox', { name: 'Condensed meaning unit' });
  await editor.fill(text);
  return editor;
}

describe('two tabs on one project', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('each sees the other’s codings and condensations at once, and a condensation edited in both asks the later writer', async () => {
    h = await startHarness();
    const a = h.page;
    await a.getByRole('button', { name: 'Open the sample project' }).click();
    await a.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await a.getByText('Coder: Amira Haddad').waitFor();
    const file = h.server.app.requireProject().file.path;
    const db = () => h!.server.app.requireProject().db;

    // Tab B opens the same project from its recent projects.
    const b = await (await h.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await b.goto(h.server.url);
    await b.locator('.recent').getByRole('button').first().click();
    await b.getByText('Coder: Amira Haddad').waitFor();
    await unit(b, 0).waitFor();
    expect(h.server.app.requireProject().file.path).toBe(file);

    // A codes a unit: B shows the chip without reloading; B codes one: A shows it.
    await codeWith(a, 0, 'Easing exam nerves');
    await chip(b, 0, 'Easing exam nerves').waitFor({ timeout: 2000 });
    await codeWith(b, 1, 'Easing exam nerves');
    await chip(a, 1, 'Easing exam nerves').waitFor({ timeout: 2000 });

    // A condenses a unit: B shows the words.
    const editor = await startCondensing(a, 6, 'Calmer with a mentor near');
    await editor.press('Enter');
    await unit(b, 6).locator('.unit-condensed', { hasText: 'Calmer with a mentor near' }).waitFor({ timeout: 2000 });
    await h.screenshot('live-tabs-b-sees-a');

    // Both edit unit 5: B starts first, A saves first. B's save asks, showing both texts.
    const late = await startCondensing(b, 5, 'B’s reading of it');
    const early = await startCondensing(a, 5, 'A’s reading of it');
    await early.press('Enter');
    await unit(a, 5).locator('.unit-condensed', { hasText: 'A’s reading of it' }).waitFor();
    await late.press('Enter');
    const question = b.getByRole('dialog', { name: 'This condensation was changed in another window' });
    await question.waitFor();
    expect(await question.getByRole('region', { name: 'Their text' }).textContent()).toContain('A’s reading of it');
    expect(await question.getByRole('region', { name: 'Your text' }).textContent()).toContain('B’s reading of it');
    await b.screenshot({ path: path.join(screenshotDir, 'live-tabs-edit-conflict.png') });
    // Nothing was written over while the question waits.
    const condensed = () => db().prepare(`SELECT condensed FROM meaning_units WHERE condensed LIKE '%reading of it'`).pluck().all();
    expect(condensed()).toEqual(['A’s reading of it']);
    await question.getByRole('button', { name: 'Use mine' }).click();
    await expect.poll(condensed).toEqual(['B’s reading of it']);
    await unit(a, 5).locator('.unit-condensed', { hasText: 'B’s reading of it' }).waitFor({ timeout: 2000 });
    await unit(b, 5).locator('.unit-condensed', { hasText: 'B’s reading of it' }).waitFor();
  });

  it('offers a read-only copy of a project another program holds', async () => {
    h = await startHarness();
    const page = h.page;
    const made = await h.server.app.dispatch('project.create', { path: 'Held study.condensa', title: 'Held study' });
    expect(made.ok).toBe(true);
    await h.server.app.dispatch('coders.create', { name: 'Ayla Ring' });
    await h.server.app.dispatch('project.close', {});
    const held = (made as { result: { path: string } }).result.path;
    const child = bundleForChild(path.join(repoRoot, 'tests/integration/support/open-child.ts'));
    const holder = spawn(process.execPath, [child, held, 'hold'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      await page.goto(h.server.url);
      await page.getByRole('button', { name: 'Held study' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.getAttribute('data-code')).toBe('PROJECT_LOCKED');
      await h.screenshot('read-only-offer');
      await alert.getByRole('button', { name: 'Open a read-only copy' }).click();
      await page.locator('.titlebar', { hasText: 'Held study' }).getByRole('note').filter({ hasText: `Read-only copy, as last saved, of ${held}` }).waitFor();
      await page.getByText('Coder: Ayla Ring').waitFor();
      await h.screenshot('read-only-copy');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
