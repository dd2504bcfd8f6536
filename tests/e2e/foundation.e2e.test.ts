import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

describe('foundation in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('shows the start screen, creates a project, then opens the sample study with its documents and codebook', async () => {
    h = await startHarness();
    const { page } = h;
    await expect(page.getByRole('heading', { name: 'Condensa' })).toBeDefined();
    await page.getByRole('button', { name: 'New project…' }).waitFor();
    await page.getByRole('button', { name: 'Open the sample project' }).waitFor();
    await h.screenshot('start-screen');

    // Create an empty project through the dialog.
    await page.getByRole('button', { name: 'New project…' }).click();
    await page.getByLabel('Title').fill('Nursing handover study');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('Nursing handover study').first().waitFor();
    expect(fs.existsSync(path.join(h.projectsFolder, 'Nursing handover study.condensa'))).toBe(true);
    // A new project has no coder yet: the app asks who is coding.
    await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await page.getByLabel('New coder').fill('Dana Ruiz');
    await page.getByRole('button', { name: 'Add and code as this person' }).click();
    await page.getByText('Coder: Dana Ruiz').waitFor();
    await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();

    // Close it and open the sample from the start screen.
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('close proj');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByText('Peer mentoring in the first year of medical school').first().waitFor();
    // The sample has two coders and a resolver: the app asks who is coding.
    const who = page.getByRole('dialog', { name: 'Who is coding?' });
    await who.getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    const nav = page.getByRole('complementary', { name: 'Navigator' });
    await nav.getByText('Focus group 1 – mentees').waitFor();
    await nav.getByText('Focus group 3 – mentors').waitFor();
    await nav.getByText('Mentee groups').waitFor();
    expect(await page.locator('.unit').count()).toBeGreaterThan(5);
    await h.screenshot('sample-transcript');

    await page.getByRole('tab', { name: 'Codebook' }).click();
    const tree = page.getByRole('treegrid', { name: 'Codebook' });
    await tree.getByText('Finding a safe harbour').waitFor();
    expect(await tree.getByRole('row').count()).toBe(27);
    await h.screenshot('sample-codebook');

    // The recent list remembers both projects.
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('close project');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: 'Nursing handover study' }).waitFor();
  });

  it('shows a readable message instead of a blank screen when a project cannot be opened', async () => {
    h = await startHarness();
    const { page } = h;
    fs.mkdirSync(h.projectsFolder, { recursive: true });
    fs.writeFileSync(path.join(h.projectsFolder, 'notes.condensa'), 'just some text');
    await page.getByRole('button', { name: 'Open project…' }).click();
    await page.getByRole('button', { name: 'notes' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('PROJECT_NOT_SQLITE');
    expect(await alert.textContent()).toContain('is not a Condensa project');
    await h.screenshot('open-error');
  });
});
