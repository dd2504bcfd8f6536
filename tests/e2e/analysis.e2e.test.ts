import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { CodebookNode, DocumentDetail } from '../../shared/api/entities';
import { directTransport } from '../../electron/core/direct-transport';
import { parseCsv } from '../../shared/text/csv-turns';
import { startHarness, type Harness } from './support/harness';

const TEACHER = 'Growing into the teacher role';
const TITLE = 'Peer mentoring in the first year of medical school';

/** What the test expects, worked out from the codings themselves (fetched through the API, not the analysis methods). */
interface Study {
  readonly nodes: readonly CodebookNode[];
  readonly details: readonly DocumentDetail[];
  readonly roleOf: (detail: DocumentDetail, unitId: string) => string;
  readonly unitText: Map<string, string>;
  readonly speakerOf: (detail: DocumentDetail, unitId: string) => string;
}

async function loadStudy(api: Client): Promise<Study> {
  const documents = await api.call('documents.list', {});
  const details = await Promise.all(documents.map((d) => api.call('documents.get', { id: d.id })));
  const nodes = await api.call('codebook.list', {});
  const participants = await api.call('participants.list', {});
  const role = (await api.call('attributes.list', {})).find((a) => a.name === 'Role')!;
  const turnOf = (detail: DocumentDetail, unitId: string) => {
    const unit = detail.units.find((u) => u.id === unitId)!;
    return detail.turns.find((t) => t.start <= unit.start && unit.start < t.end)!;
  };
  const unitText = new Map(details.flatMap((d) => d.units.map((u) => [u.id, d.text.slice(u.start, u.end)] as const)));
  return {
    nodes,
    details,
    unitText,
    roleOf: (detail, unitId) => participants.find((p) => p.id === turnOf(detail, unitId).participantId)?.values[role.id] ?? '',
    speakerOf: (detail, unitId) => turnOf(detail, unitId).speakerLabel ?? '',
  };
}

function selfAndAbove(nodes: readonly CodebookNode[], id: string): string[] {
  const node = nodes.find((n) => n.id === id);
  return node ? [id, ...node.parentIds.flatMap((p) => selfAndAbove(nodes, p))] : [];
}

/** Node name → role → units a coder coded with the node or anything beneath it. */
function unitsByRole(study: Study, coderId: string): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const d of study.details) {
    for (const c of d.codings) {
      if (c.coderId !== coderId || !c.unitId) continue;
      const role = study.roleOf(d, c.unitId);
      for (const id of new Set(selfAndAbove(study.nodes, c.codeId))) {
        const name = study.nodes.find((n) => n.id === id)!.name;
        const byRole = out.get(name) ?? new Map<string, Set<string>>();
        out.set(name, byRole);
        const units = byRole.get(role) ?? new Set<string>();
        byRole.set(role, units);
        units.add(c.unitId);
      }
    }
  }
  return out;
}

const count = (m: Map<string, Map<string, Set<string>>>, node: string, role?: string) =>
  role ? (m.get(node)?.get(role)?.size ?? 0) : new Set([...(m.get(node)?.values() ?? [])].flatMap((s) => [...s])).size;

async function chooseCoder(page: Page, name: string): Promise<void> {
  const who = page.getByRole('dialog', { name: 'Who is coding?' });
  if (await who.isVisible().catch(() => false)) await who.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByText(`Coder: ${name}`).waitFor();
}

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return fs.readFileSync((await file.path())!);
}

describe('analysis in Chromium', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('frequencies, matrix and co-occurrence agree with the codings and click through to the units', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await chooseCoder(page, 'Amira Haddad');
    const api = createClient(directTransport(h.server.app));
    const amira = (await api.call('coders.list', {})).find((c) => c.name === 'Amira Haddad')!;
    const study = await loadStudy(api);
    const expected = unitsByRole(study, amira.id);
    const categories = study.nodes.filter((n) => n.level === 'category').map((n) => n.name);

    // Frequencies, split by role: the teacher category emerged only from the mentors.
    await page.getByRole('tab', { name: 'Analysis' }).click();
    const freq = page.getByRole('table', { name: 'Frequencies' });
    await freq.waitFor();
    await page.getByLabel('Split by').selectOption({ label: 'Role' });
    await freq.locator('th', { hasText: 'Mentor' }).first().waitFor();
    for (const name of categories) {
      const row = freq.locator(`tr[data-node="${name}"]`);
      expect(await row.locator('[data-measure="units"]').textContent()).toBe(String(count(expected, name)));
      expect(await row.locator('[data-column="Mentee"]').textContent()).toBe(String(count(expected, name, 'Mentee')));
      expect(await row.locator('[data-column="Mentor"]').textContent()).toBe(String(count(expected, name, 'Mentor')));
    }
    expect(await freq.locator(`tr[data-node="${TEACHER}"] [data-column="Mentee"]`).textContent()).toBe('0');
    await h.screenshot('analysis-frequencies');
    const chart = page.getByRole('img', { name: 'Units per category, by role' });
    await chart.scrollIntoViewIfNeeded();
    // One bar per category and role.
    expect(await chart.locator('rect').count()).toBe(categories.length * 2);
    expect(await chart.locator(`g[data-row="${TEACHER}"] text.chart-value`).allTextContents()).toEqual(['0', String(count(expected, TEACHER, 'Mentor'))]);
    await h.screenshot('analysis-frequencies-chart');

    // A frequency row lists the units it counts; with a speaker filter, only those speakers' units.
    const list = page.getByRole('region', { name: 'Units in the selected cell' });
    const passages = list.locator('li.passage');
    const textsOf = (node: string, role?: string) =>
      new Set([...(role ? (expected.get(node)?.get(role) ?? []) : [...(expected.get(node)?.values() ?? [])].flatMap((u) => [...u]))].map((u) => study.unitText.get(u)));
    await freq.locator(`tr[data-node="${TEACHER}"] th`).click();
    await list.getByRole('heading', { name: `${TEACHER}: ${count(expected, TEACHER)} units` }).waitFor();
    await expect.poll(() => passages.count()).toBe(count(expected, TEACHER));
    expect(new Set(await passages.locator('blockquote').allTextContents())).toEqual(textsOf(TEACHER));
    expect(await freq.locator(`tr[data-node="${TEACHER}"]`).getAttribute('class')).toContain('selected');
    await h.screenshot('analysis-frequencies-units');
    const mentee = study.nodes.map((n) => n.name).find((n) => count(expected, n, 'Mentee') > 0 && count(expected, n, 'Mentee') < count(expected, n))!;
    await page.getByLabel('Speakers').selectOption({ label: 'Role: Mentee' });
    await list.waitFor({ state: 'detached' });
    await freq.locator(`tr[data-node="${mentee}"] [data-measure="units"]`).getByText(String(count(expected, mentee, 'Mentee'))).waitFor();
    await freq.locator(`tr[data-node="${mentee}"] [data-measure="units"] button`).click();
    await list.getByRole('heading', { name: `${mentee}: ${count(expected, mentee, 'Mentee')} units` }).waitFor();
    await expect.poll(() => passages.count()).toBe(count(expected, mentee, 'Mentee'));
    expect(new Set(await passages.locator('blockquote').allTextContents())).toEqual(textsOf(mentee, 'Mentee'));
    await page.getByLabel('Speakers').selectOption({ label: 'Everyone' });

    // Matrix: categories × role, with a click through to the units of a cell.
    await page.getByRole('tab', { name: 'Matrix' }).click();
    const matrix = page.getByRole('table', { name: 'Matrix' });
    await matrix.waitFor();
    await page.getByLabel('Columns').selectOption({ label: 'Role' });
    await matrix.locator('th', { hasText: 'Mentee' }).waitFor();
    for (const name of categories) {
      for (const role of ['Mentee', 'Mentor']) {
        expect(await matrix.locator(`tr[data-node="${name}"] td[data-column="${role}"]`).textContent()).toBe(String(count(expected, name, role)));
      }
    }
    await matrix.locator(`tr[data-node="${TEACHER}"] td[data-column="Mentor"] button`).click();
    await list.getByText(`${TEACHER} × Mentor: ${count(expected, TEACHER, 'Mentor')} units`).waitFor();
    await expect.poll(() => passages.count()).toBe(count(expected, TEACHER, 'Mentor'));
    const wanted = expected.get(TEACHER)!.get('Mentor')!;
    const texts = await passages.locator('blockquote').allTextContents();
    expect(new Set(texts)).toEqual(new Set([...wanted].map((u) => study.unitText.get(u))));
    const speakers = new Set(await passages.locator('.passage-meta strong').allTextContents());
    expect([...speakers].every((s) => ['P9', 'P10', 'P11', 'P12'].includes(s))).toBe(true);
    await h.screenshot('analysis-matrix');
    await page.getByRole('radio', { name: 'Row %' }).click();
    await matrix.locator(`tr[data-node="${TEACHER}"] td[data-column="Mentor"]`).getByText('100.0%').waitFor();
    expect(await matrix.locator(`tr[data-node="${TEACHER}"] td[data-column="Mentee"]`).textContent()).toBe('0.0%');
    const csv = (await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click())).toString('utf8');
    expect(csv).toContain(`${TEACHER},0,100,${count(expected, TEACHER)}`);
    const xlsx = await download(page, () => page.getByRole('button', { name: 'Export XLSX' }).click());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');

    // Click through to the transcript from a unit.
    await passages.first().getByRole('button', { name: 'Open in transcript' }).click();
    await page.locator('.unit.selected').waitFor();
    expect(await page.locator('.unit.selected').textContent()).toContain(texts[0].slice(0, 40));

    // Co-occurrence: pairs of codes on one unit by Amira, as counted from her codings.
    await page.getByRole('tab', { name: 'Analysis' }).click();
    await page.getByRole('tab', { name: 'Co-occurrence' }).click();
    const pairs = new Map<string, number>();
    for (const d of study.details) {
      const byUnit = new Map<string, string[]>();
      for (const c of d.codings) if (c.coderId === amira.id && c.unitId) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c.codeId]);
      for (const codes of byUnit.values()) {
        const names = [...new Set(codes)].map((id) => study.nodes.find((n) => n.id === id)!.name);
        for (let i = 0; i < names.length; i++)
          for (let j = i + 1; j < names.length; j++) {
            const key = [names[i], names[j]].sort().join(' × ');
            pairs.set(key, (pairs.get(key) ?? 0) + 1);
          }
      }
    }
    const table = page.getByRole('table', { name: 'Co-occurrence' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(pairs.size);
    for (let i = 0; i < pairs.size; i++) {
      const pair = (await rows.nth(i).getAttribute('data-pair'))!;
      const key = pair.split(' × ').sort().join(' × ');
      expect(await rows.nth(i).locator('td.num').first().textContent()).toBe(String(pairs.get(key)));
    }
    const heat = page.getByRole('img', { name: 'Co-occurrence of codes' });
    expect(await heat.locator('rect.heat-cell:not(.diagonal)[fill-opacity]').count()).toBeGreaterThan(0);
    await rows.first().click();
    await list.waitFor();
    // The list may still show the cell clicked before while this pair's units load.
    const pairUnits = Number(await rows.first().locator('td.num').first().textContent());
    await expect.poll(() => list.locator('li.passage').count()).toBe(pairUnits);
    await h.screenshot('analysis-cooccurrence');

    // Its export: the pairs as on screen, as CSV and as XLSX, read back.
    const shown = await Promise.all(
      Array.from({ length: pairs.size }, async (_v, i) => [...(await rows.nth(i).getAttribute('data-pair'))!.split(' × '), await rows.nth(i).locator('td.num').first().textContent()]),
    );
    const pairCsv = parseCsv((await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click())).toString('utf8'));
    expect(pairCsv[0]).toEqual(['Code', 'With code', 'Units with both', 'Jaccard', 'Code (units)', 'With (units)']);
    expect(pairCsv.slice(1).map((r) => r.slice(0, 3))).toEqual(shown);
    const shownJaccard = await rows.locator('td.num:nth-child(4)').allTextContents();
    // The file keeps three decimals where the screen shows two.
    pairCsv.slice(1).forEach((r, i) => expect(Math.abs(Number(r[3]) - Number(shownJaccard[i]))).toBeLessThanOrEqual(0.0051));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(page, () => page.getByRole('button', { name: 'Export XLSX' }).click())) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Co-occurrence')!;
    const sheetRows = Array.from({ length: pairs.size }, (_v, i) => sheet.getRow(i + 2)).map((r) => [r.getCell(1).value, r.getCell(2).value, String(r.getCell(3).value)]);
    expect(sheetRows).toEqual(shown);
    expect(typeof sheet.getRow(2).getCell(4).value).toBe('number');
  });

  it('arranges the thematic map, reviews a theme, exports the map, and keeps the places after reopening', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await chooseCoder(page, 'Amira Haddad');
    const api = createClient(directTransport(h.server.app));
    const nodes = await api.call('codebook.list', {});
    const theme = nodes.find((n) => n.level === 'theme')!;

    await page.getByRole('tab', { name: 'Analysis' }).click();
    await page.getByRole('tab', { name: 'Thematic map' }).click();
    const map = page.getByRole('img', { name: 'Thematic map' });
    await map.waitFor();
    expect(await map.locator('g.map-node').count()).toBe(nodes.length);
    // Edges: one per parent link.
    expect(await map.locator('path').count()).toBe(nodes.reduce((n, x) => n + x.parentIds.length, 0));

    // Drag a category; the place is saved in the project.
    const node = map.locator(`g.map-node[data-node="${TEACHER}"]`);
    const before = { x: Number(await node.getAttribute('data-x')), y: Number(await node.getAttribute('data-y')) };
    // The menu bar above the window can push the node under the status bar: bring it into view first.
    await node.scrollIntoViewIfNeeded();
    const box = (await node.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + 40 + i * 16, box.y + box.height / 2 + i * 12);
    await page.mouse.up();
    const teacherId = nodes.find((n) => n.name === TEACHER)!.id;
    let saved: { x: number | null; y: number | null } = { x: null, y: null };
    await expect
      .poll(async () => {
        saved = (await api.call('analysis.map', { filter: { coder: 'all' } })).find((n) => n.id === teacherId)!;
        return saved.x;
      })
      .not.toBeNull();
    expect(saved.x!).toBeGreaterThan(before.x + 20);
    expect(saved.y!).toBeGreaterThan(before.y + 20);
    expect(Number(await node.getAttribute('data-x'))).toBe(saved.x);
    expect((await api.call('history.state', {})).undoLabel).toBe('Move a node on the thematic map');

    // Review the theme: status, then a new name with the old one kept.
    await map.locator(`g.map-node[data-node="${theme.name}"]`).click();
    const panel = page.getByRole('complementary', { name: 'Selected node' });
    await panel.getByLabel('Review status').selectOption({ label: 'Reviewed' });
    await map.locator(`g.map-node[data-node="${theme.name}"]`).getByText('reviewed').waitFor();
    await panel.getByLabel('Name').fill('Belonging through a trusted other');
    await panel.getByRole('button', { name: 'Rename' }).click();
    await panel.getByRole('list', { name: 'Earlier names' }).getByText(theme.name).waitFor();
    await map.locator('g.map-node[data-node="Belonging through a trusted other"]').waitFor();
    await h.screenshot('analysis-map');

    const svg = (await download(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).toString('utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Belonging through a trusted other');
    const png = await download(page, () => page.getByRole('button', { name: 'Export PNG' }).click());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);

    // Close and reopen the study: the node is where it was left.
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('close project');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: TITLE }).first().click();
    await chooseCoder(page, 'Amira Haddad');
    await page.getByRole('tab', { name: 'Analysis' }).click();
    await page.getByRole('tab', { name: 'Thematic map' }).click();
    const reopened = page.getByRole('img', { name: 'Thematic map' }).locator(`g.map-node[data-node="${TEACHER}"]`);
    await reopened.waitFor();
    expect(Number(await reopened.getAttribute('data-x'))).toBe(saved.x);
    expect(Number(await reopened.getAttribute('data-y'))).toBe(saved.y);
    await h.screenshot('analysis-map-reopened');
  });
});
