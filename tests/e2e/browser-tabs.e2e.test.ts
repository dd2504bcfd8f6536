import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

async function createProject(page: Page, title: string, coder: string): Promise<void> {
  await page.getByRole('button', { name: 'New project…' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
  await page.getByLabel('New coder').fill(coder);
  await page.getByRole('button', { name: 'Add and code as this person' }).click();
  await page.getByText(`Coder: ${coder}`).waitFor();
}

async function addCoder(page: Page, current: string, coder: string): Promise<void> {
  await page.getByText(`Coder: ${current}`).click();
  await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
  await page.getByLabel('New coder').fill(coder);
  await page.getByRole('button', { name: 'Add and code as this person' }).click();
}

describe('two browser tabs on one server', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('tells tab A that its project is no longer open when tab B opened another, and writes nothing into B’s', async () => {
    h = await startHarness();
    const a = h.page;
    const b = await (await h.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await b.goto(h.server.url);

    await createProject(a, 'Study X', 'Dana Ruiz');
    await createProject(b, 'Study Y', 'Bea Moss');

    // Tab A still shows Study X; its next change must not land in Study Y.
    await addCoder(a, 'Dana Ruiz', 'Meant for X');
    const alert = a.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('PROJECT_CHANGED');
    expect(await alert.textContent()).toContain('“Study X.condensa” is no longer open: another window or tab opened “Study Y.condensa”');
    await h.screenshot('tabs-project-changed');
    const inY = await h.server.app.dispatch('coders.list', {});
    expect(inY.ok && (inY.result as { name: string }[]).map((c) => c.name)).toEqual(['Bea Moss']);

    // Once the dialog is closed, one click opens Study X again here, and the change then goes where tab A means it to.
    await a.keyboard.press('Escape');
    await a.getByRole('dialog', { name: 'Who is coding?' }).waitFor({ state: 'detached' });
    await alert.getByRole('button', { name: 'Open “Study X.condensa” again' }).click();
    await a.getByRole('alert').waitFor({ state: 'detached' });
    await a.getByText('Coder: Dana Ruiz').waitFor();
    await addCoder(a, 'Dana Ruiz', 'Eli Park');
    await a.getByText('Coder: Eli Park').waitFor();
    const inX = await h.server.app.dispatch('coders.list', {});
    expect(inX.ok && (inX.result as { name: string }[]).map((c) => c.name).sort()).toEqual(['Dana Ruiz', 'Eli Park']);
  });
});
