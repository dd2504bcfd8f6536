import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { TestApp } from '../support/app';
import { importPath, makeImportApp } from './support';

// #19 item 2 through the contract: a header becomes the document's details, and stage directions,
// inaudible marks and bare timestamps stay in the text without becoming meaning units.

const CORPUS = path.resolve(__dirname, '../../fixtures/transcripts');

describe('import: header lines and stage directions', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  it('a Spanish focus group: details from its header, no unit of (Risas) or [inaudible …]', async () => {
    const { preview, detail } = await importPath(t.client, path.join(CORPUS, 'es-cabecera.txt'));
    expect(preview.header).toMatchObject({ title: 'Grupo focal 2 – Enfermeras del turno de noche', sessionDate: '2025-03-03', place: 'Hospital Central, sala 4', facilitator: 'Ana María López' });
    expect(preview.title).toBe('Grupo focal 2 – Enfermeras del turno de noche');
    expect(detail.document).toMatchObject({ title: 'Grupo focal 2 – Enfermeras del turno de noche', sessionDate: '2025-03-03', facilitator: 'Ana María López' });
    expect(detail.document.notes).toContain('Lugar: Hospital Central, sala 4');
    // The header is no turn: the moderator's first words open the text.
    expect(detail.text.startsWith('Moderadora: Bienvenidas.')).toBe(true);
    expect(detail.turns[0]).toMatchObject({ speakerLabel: 'Moderadora' });
    // Directions stay in the text but no unit is only a direction.
    expect(detail.text).toContain('(Risas)');
    expect(detail.text).toContain('[inaudible 00:04:12]');
    const units = detail.units.map((u) => detail.text.slice(u.start, u.end));
    expect(units).not.toContain('(Risas)');
    expect(units).not.toContain('[inaudible 00:04:12]');
    expect(units).toContain('Yo me acostumbré al segundo mes.');
  });

  it('details the user typed win over the header', async () => {
    const { detail } = await importPath(t.client, path.join(CORPUS, 'de-kopf.txt'), { document: { title: 'Pflege 12', facilitator: 'P. Lang' } });
    expect(detail.document).toMatchObject({ title: 'Pflege 12', facilitator: 'P. Lang', sessionDate: '2024-06-04', durationMinutes: 48 });
  });
});
