import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// The code list beside the transcript counts units of the coder view in use, and says whose.

// Read through the server's own connection: the project file is locked while it is open.
function unitsIn(db: Database.Database, codeName: string, coderName: string | null): number {
  return db
    .prepare(
      `SELECT count(DISTINCT c.unit_id) FROM codings c JOIN codebook_nodes n ON n.id = c.code_id JOIN coders p ON p.id = c.coder_id
       WHERE n.name = ? AND p.role <> 'consensus' AND (? IS NULL OR p.name = ?)`,
    )
    .pluck()
    .get(codeName, coderName, coderName) as number;
}

describe('code counts in browser mode', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('counts the units of all coders, then of one coder when the view is switched', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    const study = h.server.app.project!.db;
    const code = 'Easing exam nerves';
    const all = unitsIn(study, code, null);
    const amira = unitsIn(study, code, 'Amira Haddad');
    const total = study.prepare(`SELECT count(*) FROM codings c JOIN codebook_nodes n ON n.id = c.code_id WHERE n.name = ?`).pluck().get(code) as number;
    // The sample has the code on units both coders coded: a sum of codings would be larger.
    expect(total).toBeGreaterThan(all);

    const rail = page.getByRole('complementary', { name: 'Codes' });
    const count = rail.getByRole('button', { name: new RegExp(`^${code}`) }).locator('.muted.small');
    await expect.poll(() => rail.getByTestId('rail-count-note').textContent()).toBe('Units and passages coded: all coders');
    await expect.poll(() => count.textContent()).toBe(String(all));

    await page.getByRole('combobox', { name: 'Codings shown' }).selectOption({ label: 'Amira Haddad' });
    await expect.poll(() => rail.getByTestId('rail-count-note').textContent()).toBe('Units and passages coded: Amira Haddad');
    await expect.poll(() => count.textContent()).toBe(String(amira));
    await h.screenshot('code-rail-counts-amira-light');
  });

  it('shows each coder’s units beside every code when the list counts per coder, in both themes', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    const study = h.server.app.project!.db;
    // A code the two coders applied to different numbers of units, so a figure put under the wrong name shows.
    const names = study.prepare(`SELECT name FROM codebook_nodes WHERE level = 'code' ORDER BY sort, name`).pluck().all() as string[];
    const code = names.find((n) => unitsIn(study, n, 'Amira Haddad') > 0 && unitsIn(study, n, 'Ben Okafor') > 0 && unitsIn(study, n, 'Amira Haddad') !== unitsIn(study, n, 'Ben Okafor'));
    if (!code) throw new Error('The sample has no code the two coders applied to different numbers of units.');
    const amira = unitsIn(study, code, 'Amira Haddad');
    const ben = unitsIn(study, code, 'Ben Okafor');
    // Every coder of the project, the consensus too, by the initials the codings' chips show, each with
    // the units they coded it on (0 for one who did not).
    const expected = (study.prepare(`SELECT id, initials FROM coders ORDER BY created_at, name`).all() as { id: string; initials: string }[])
      .map((c) => {
        const units = study
          .prepare(`SELECT count(DISTINCT c.unit_id) FROM codings c JOIN codebook_nodes n ON n.id = c.code_id WHERE n.name = ? AND c.coder_id = ?`)
          .pluck()
          .get(code, c.id) as number;
        return `${c.initials} ${units}`;
      })
      .join(' · ');
    expect(expected).toMatch(new RegExp(`^AH ${amira} · BO ${ben}( · |$)`));
    const rail = page.getByRole('complementary', { name: 'Codes' });
    const counts = rail.getByRole('group', { name: 'Counts' });
    await counts.getByRole('button', { name: 'per coder' }).click();
    expect(await counts.getByRole('button', { name: 'per coder' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => rail.getByTestId('rail-count-note').textContent()).toMatch(/^Units and passages coded, per coder: AH Amira Haddad, BO Ben Okafor/);
    const line = rail.getByRole('button', { name: new RegExp(`^${code}`) }).locator('.rail-per-coder');
    await expect.poll(() => line.textContent()).toBe(expected);
    await h.screenshot('code-rail-per-coder-light');
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('dark theme');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await h.screenshot('code-rail-per-coder-dark');
    // Back to the view's one figure.
    await counts.getByRole('button', { name: 'this view' }).click();
    await expect.poll(() => rail.getByTestId('rail-count-note').textContent()).toBe('Units and passages coded: all coders');
    expect(await line.count()).toBe(0);
  });
});
