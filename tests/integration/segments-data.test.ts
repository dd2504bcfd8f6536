import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportOptions } from '../../shared/api/methods/reports';
import { enrichSample } from './refi/support';
import { makeSampleApp, type TestApp } from './support/app';

// The long-format segments as R, SPSS and Python users read them: keys and positions on every
// row, units nobody coded included, the columns the author chose.

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), written for this test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function segments(t: TestApp, options: ReportOptions = {}, kind: 'segments' | 'reliability' = 'segments'): Promise<Record<string, string>[]> {
  // Generated titles ("Week 3") name nobody: accepted as they print.
  const r = await t.client.call('reports.export', { kind, format: 'csv', options: { namesChecked: true, ...options } });
  const [head, ...rows] = parseCsv(Buffer.from(r.base64, 'base64').toString('utf8'));
  return rows.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}

const codePoints = (text: string, utf16: number) => Array.from(text.slice(0, utf16)).length;

describe('segments export: data with keys', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeSampleApp();
    enrichSample(t);
  });
  afterEach(() => t.close());

  it('names document, unit, code and coder by id with code-point positions, one row per coding plus one per unit nobody coded', async () => {
    const db = t.app.requireProject().db;
    const rows = await segments(t, { coder: 'merged' });
    expect(Object.keys(rows[0]).slice(0, 6)).toEqual(['document_id', 'unit_id', 'code_id', 'coder_id', 'start', 'end']);

    const texts = new Map((db.prepare(`SELECT id, text FROM documents`).all() as { id: string; text: string }[]).map((d) => [d.id, d.text]));
    const codings = db
      .prepare(
        `SELECT c.document_id, coalesce(c.unit_id, '') AS unit_id, c.code_id, c.coder_id, coalesce(u.start, c.start) AS s, coalesce(u."end", c."end") AS e
         FROM codings c JOIN coders k ON k.id = c.coder_id LEFT JOIN meaning_units u ON u.id = c.unit_id WHERE k.role <> 'consensus'`,
      )
      .all() as { document_id: string; unit_id: string; code_id: string; coder_id: string; s: number; e: number }[];
    const key = (r: Readonly<Record<string, string | number>>) =>
      [r.document_id, r.unit_id, r.code_id, r.coder_id, r.start, r.end].join('|');
    const expected = codings.map((c) => key({ ...c, start: codePoints(texts.get(c.document_id)!, c.s), end: codePoints(texts.get(c.document_id)!, c.e) }));
    const coded = rows.filter((r) => r.code_id !== '');
    expect(coded.map(key).sort()).toEqual(expected.sort());

    // The emoji diary: positions count code points, as REFI-QDA does, not UTF-16 units.
    const span = rows.find((r) => r.Text === '🎉🎉 Yes!')!;
    const diary = texts.get(span.document_id)!;
    expect(Number(span.start)).toBe(Array.from(diary).length - Array.from('🎉🎉 Yes!').length);
    expect(Number(span.start)).not.toBe(diary.indexOf('🎉🎉'));

    // Every unit is there, the ones nobody coded with empty code and coder.
    const units = db.prepare(`SELECT id FROM meaning_units`).pluck().all() as string[];
    expect(new Set(rows.map((r) => r.unit_id).filter(Boolean))).toEqual(new Set(units));
    const uncoded = rows.filter((r) => r.code_id === '');
    const codedUnits = new Set(codings.map((c) => c.unit_id));
    expect(uncoded.length).toBe(units.filter((u) => !codedUnits.has(u)).length);
    expect(uncoded.length).toBeGreaterThan(0);
    expect(uncoded.every((r) => r.coder_id === '' && r.Coded === 'none' && r.unit_id !== '')).toBe(true);
  });

  it('honours the columns option', async () => {
    const rows = await segments(t, { coder: 'merged', columns: ['code', 'unit', 'category'] });
    expect(Object.keys(rows[0])).toEqual(['document_id', 'unit_id', 'code_id', 'coder_id', 'start', 'end', 'Code', 'Text', 'Category', 'Coder', 'Coded']);
  });

  it('per-code κ recomputed from the reliability data (a row per unit and code, a 0/1 column per coder) equals the app’s, exactly', async () => {
    const coders = (await t.client.call('coders.list', {})).filter((c) => c.role !== 'consensus').slice(0, 2);
    const status = await t.client.call('project.get', {});
    if (status.settings.blind) await t.client.call('agreement.reveal', { confirm: true });
    const documents = await t.client.call('documents.list', {});
    const report = await t.client.call('agreement.compute', {
      coderIds: coders.map((c) => c.id),
      level: 'unit',
      unitSet: 'all-units',
      documentIds: documents.map((d) => d.id),
      minPositiveUnits: 0,
      breakdowns: false,
    });
    const rows = await segments(t, { coders: coders.map((c) => c.id) }, 'reliability');
    expect(Object.keys(rows[0])).toEqual(['code_id', 'code', 'unit_id', 'document_id', 'start', 'end', coders[0].name, coders[1].name]);
    const unitCount = t.app.requireProject().db.prepare(`SELECT count(*) FROM meaning_units`).pluck().get() as number;
    for (const code of report.pair!.codes) {
      // irr::kappa2 on the two coder columns of this code's rows, computed here by hand.
      const ratings = rows.filter((r) => r.code_id === code.nodeId).map((r) => [Number(r[coders[0].name]), Number(r[coders[1].name])]);
      expect(ratings.length).toBe(unitCount);
      const n = ratings.length;
      const count = (x: number, y: number) => ratings.filter(([a, b]) => a === x && b === y).length;
      const cells = { both: count(1, 1), onlyA: count(1, 0), onlyB: count(0, 1), neither: count(0, 0) };
      expect(cells).toEqual({ both: code.figures.both, onlyA: code.figures.onlyA, onlyB: code.figures.onlyB, neither: code.figures.neither });
      const po = (cells.both + cells.neither) / n;
      const pa = (cells.both + cells.onlyA) / n;
      const pb = (cells.both + cells.onlyB) / n;
      const pe = pa * pb + (1 - pa) * (1 - pb);
      const kappa = pe === 1 ? null : (po - pe) / (1 - pe);
      expect(kappa === null ? null : Number(kappa.toFixed(12))).toEqual(code.figures.kappa.value === null ? null : Number(code.figures.kappa.value.toFixed(12)));
    }
    expect(report.pair!.codes.length).toBeGreaterThan(5);
  });

  it('per-code κ recomputed from the rows equals the app’s, exactly', async () => {
    const coders = (await t.client.call('coders.list', {})).filter((c) => c.role !== 'consensus').slice(0, 2);
    const status = await t.client.call('project.get', {});
    if (status.settings.blind) await t.client.call('agreement.reveal', { confirm: true });
    const documents = await t.client.call('documents.list', {});
    const report = await t.client.call('agreement.compute', {
      coderIds: coders.map((c) => c.id),
      level: 'unit',
      unitSet: 'all-units',
      documentIds: documents.map((d) => d.id),
      minPositiveUnits: 0,
      breakdowns: false,
    });
    const rows = await segments(t, { coder: 'merged' });
    const units = new Set(rows.map((r) => r.unit_id).filter(Boolean));
    const n = units.size;
    let compared = 0;
    for (const code of report.pair!.codes) {
      const by = (coderId: string) => new Set(rows.filter((r) => r.code_id === code.nodeId && r.coder_id === coderId && r.unit_id).map((r) => r.unit_id));
      const a = by(coders[0].id);
      const b = by(coders[1].id);
      const both = [...a].filter((u) => b.has(u)).length;
      const onlyA = a.size - both;
      const onlyB = b.size - both;
      const neither = n - both - onlyA - onlyB;
      expect({ both, onlyA, onlyB, neither }).toEqual({ both: code.figures.both, onlyA: code.figures.onlyA, onlyB: code.figures.onlyB, neither: code.figures.neither });
      const po = (both + neither) / n;
      const pa = (both + onlyA) / n;
      const pb = (both + onlyB) / n;
      const pe = pa * pb + (1 - pa) * (1 - pb);
      const kappa = pe === 1 ? null : (po - pe) / (1 - pe);
      expect(kappa === null ? null : Number(kappa.toFixed(12))).toEqual(code.figures.kappa.value === null ? null : Number(code.figures.kappa.value.toFixed(12)));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(5);
  });
});
