import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTurns, toText } from '../integration/import/big-inputs';
import { screenshotDir, startHarness, type Harness } from './support/harness';

const unit = (page: Page, index: number): Locator => page.locator('.transcript .unit').nth(index);
const amirasChip = (page: Page, index: number): Locator => unit(page, index).locator('.chip:not(.pending)[title="Easing exam nerves — coded by Amira Haddad"]');

describe('a long import in one tab', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('runs while the other tab keeps coding: the coding is saved before the import ends', async () => {
    h = await startHarness();
    const a = h.page;
    await a.getByRole('button', { name: 'Open the sample project' }).click();
    await a.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await a.getByText('Coder: Amira Haddad').waitFor();

    // The server runs in this process: note when each call starts and is answered.
    const app = h.server.app;
    const events: string[] = [];
    const dispatch = app.dispatch.bind(app);
    app.dispatch = (method, params, caller) => {
      const watched = method === 'import.commit' || method === 'codings.apply';
      if (watched) events.push(`${method} start`);
      return dispatch(method, params, caller).then((envelope) => {
        if (watched) events.push(`${method} ${envelope.ok ? 'done' : envelope.error.code}`);
        return envelope;
      });
    };

    // Tab B works in the same project.
    const b = await (await h.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await b.goto(h.server.url);
    await b.locator('.recent').getByRole('button').first().click();
    await b.getByText('Coder: Amira Haddad').waitFor();

    // Tab A chooses a 4 MB transcript and reads its preview.
    const file = path.join(h.home, 'long-interview.txt');
    fs.writeFileSync(file, toText(makeTurns(4 * 1024 * 1024, { seed: 5 })));
    await a.keyboard.press('Control+i');
    const dialog = a.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(file);
    await dialog.locator('[data-status="ready"]').waitFor({ timeout: 60_000 });

    // Tab B has a code typed for a unit, ready to apply.
    await unit(b, 6).waitFor();
    expect(await amirasChip(b, 6).count()).toBe(0);
    await unit(b, 6).click();
    await b.keyboard.press('a');
    await b.getByRole('dialog', { name: 'Apply code' }).getByRole('textbox', { name: 'Code' }).fill('Easing exam nerves');

    // A starts the import; once the core has it, B applies the code.
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => events, { timeout: 10_000 }).toContain('import.commit start');
    await b.keyboard.press('Enter');
    await amirasChip(b, 6).waitFor({ timeout: 60_000 });
    await b.screenshot({ path: path.join(screenshotDir, 'import-beside-b-coded.png') });
    await dialog.locator('[data-status="imported"]').waitFor({ timeout: 120_000 });
    await h.screenshot('import-beside-a-imported');

    // B's coding was saved while A's import ran, not after it.
    expect(events).toEqual(['import.commit start', 'codings.apply start', 'codings.apply done', 'import.commit done']);
    const steps = app.requireProject().db.prepare(`SELECT method FROM audit_steps ORDER BY seq DESC LIMIT 2`).pluck().all();
    expect(steps).toEqual(['import.commit', 'codings.apply']);
  }, 300_000);
});
