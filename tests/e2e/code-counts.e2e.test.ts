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
});
