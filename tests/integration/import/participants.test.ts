import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { makeSampleApp } from '../support/app';
import { fixture, importPath, makeImportApp, snapshot, writeTemp } from './support';

describe('participants and attributes', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('typed attributes: values are checked and normalised; bulk edit sets one attribute for many', async () => {
    t = await makeImportApp();
    await importPath(t.client, fixture('turns.csv'));
    const people = await t.client.call('participants.list', {});
    const ids = people.map((p) => p.id);
    const year = await t.client.call('attributes.create', { name: 'Year of study', type: 'number' });
    const start = await t.client.call('attributes.create', { name: 'Started', type: 'date' });
    const consent = await t.client.call('attributes.create', { name: 'Consented', type: 'boolean' });
    const role = await t.client.call('attributes.create', { name: 'Role', type: 'choice', choices: ['Mentee', 'Mentor', 'Mentee'] });
    expect(role.choices).toEqual(['Mentee', 'Mentor']);

    expect(await t.client.call('participants.setValue', { participantIds: ids, attributeId: role.id, value: 'mentee' })).toEqual({ changed: 3 });
    await t.client.call('participants.setValue', { participantIds: [ids[0]], attributeId: year.id, value: '2,5' });
    await t.client.call('participants.setValue', { participantIds: [ids[0]], attributeId: start.id, value: '18.03.2024' });
    await t.client.call('participants.setValue', { participantIds: [ids[0]], attributeId: consent.id, value: 'Ja' });
    const first = (await t.client.call('participants.list', {})).find((p) => p.id === ids[0])!;
    expect(first.values).toEqual({ [role.id]: 'Mentee', [year.id]: '2.5', [start.id]: '2024-03-18', [consent.id]: 'yes' });

    await expect(t.client.call('participants.setValue', { participantIds: ids, attributeId: year.id, value: 'first' })).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    await expect(t.client.call('participants.setValue', { participantIds: ids, attributeId: role.id, value: 'Dean' })).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    await expect(t.client.call('attributes.create', { name: 'role', type: 'text' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Clearing with null.
    expect(await t.client.call('participants.setValue', { participantIds: ids, attributeId: role.id, value: null })).toEqual({ changed: 3 });

    // Changing a type converts values; one that does not fit stops the change.
    await t.client.call('participants.setValue', { participantIds: [ids[1]], attributeId: year.id, value: '1' });
    await expect(t.client.call('attributes.update', { id: year.id, type: 'boolean' })).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    const asText = await t.client.call('attributes.update', { id: year.id, type: 'text', name: 'Year' });
    expect(asText).toMatchObject({ name: 'Year', type: 'text' });
    const asChoice = await t.client.call('attributes.update', { id: year.id, type: 'choice' });
    expect(asChoice.choices.sort()).toEqual(['1', '2.5']);

    const renamed = await t.client.call('participants.update', { id: ids[0], pseudonym: 'Mentee 1', label: 'P-one' });
    expect(renamed).toMatchObject({ label: 'P-one', pseudonym: 'Mentee 1' });
    expect(await t.client.call('attributes.delete', { id: consent.id })).toEqual({ deleted: true, values: 1 });
    expect(await t.client.call('participants.delete', { ids: [ids[2]] })).toEqual({ deleted: 1 });
  });

  it('imports attributes from CSV keyed on label, making new attributes with inferred types', async () => {
    t = await makeImportApp();
    await importPath(t.client, fixture('turns.csv'));
    const table = await t.client.call('participants.readAttributeTable', { source: { kind: 'path', path: fixture('attributes.csv') } });
    expect(table.columns).toEqual(['Participant', 'Role', 'Gender', 'Year of study', 'Consented']);
    expect(table.keyColumn).toBe(0);
    expect(table.matched).toBe(2);
    expect(table.suggestions.slice(1).map((s) => s.type)).toEqual(['choice', 'choice', 'number', 'boolean']);

    const before = await snapshot(t.client);
    const r = await t.client.call('participants.importAttributes', {
      source: { kind: 'path', path: fixture('attributes.csv') },
      keyColumn: 0,
      columns: [{ column: 1 }, { column: 2, type: 'choice' }, { column: 3 }, { column: 4 }],
    });
    expect(r).toMatchObject({ updated: 2, created: 0, attributesCreated: 4, unmatched: ['P3'] });
    const after = await snapshot(t.client);
    expect(after.auditSteps).toBe(before.auditSteps + 1);
    const attrs = await t.client.call('attributes.list', {});
    const gender = attrs.find((a) => a.name === 'Gender')!;
    expect(gender).toMatchObject({ type: 'choice', choices: ['Woman', 'Man'] });
    const p1 = (await t.client.call('participants.list', {})).find((p) => p.label === 'P1')!;
    expect(p1.values[gender.id]).toBe('Woman');

    // With createMissing, P3 becomes a participant.
    const again = await t.client.call('participants.importAttributes', {
      source: { kind: 'path', path: fixture('attributes.csv') },
      keyColumn: 0,
      columns: [{ column: 1, attributeId: attrs.find((a) => a.name === 'Role')!.id }],
      createMissing: true,
    });
    expect(again).toMatchObject({ created: 1, attributesCreated: 0, unmatched: [] });
  });

  it('imports attributes from XLSX, and a bad value refuses the whole table naming row and column', async () => {
    t = await makeImportApp();
    await importPath(t.client, fixture('turns.csv'));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('People');
    sheet.addRow(['Label', 'Joined', 'Age']);
    sheet.addRow(['P1', new Date(Date.UTC(2023, 8, 1)), 19]);
    sheet.addRow(['P2', new Date(Date.UTC(2023, 8, 2)), 'twenty']);
    const file = writeTemp(t, 'people.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    const table = await t.client.call('participants.readAttributeTable', { source: { kind: 'path', path: file } });
    expect(table.rows[0]).toEqual(['P1', '2023-09-01', '19']);
    expect(table.suggestions.map((s) => s.type)).toEqual(['text', 'date', 'text']);

    const before = await snapshot(t.client);
    await expect(
      t.client.call('participants.importAttributes', { source: { kind: 'path', path: file }, keyColumn: 0, columns: [{ column: 1 }, { column: 2, type: 'number' }] }),
    ).rejects.toMatchObject({ code: 'INVALID_VALUE', message: expect.stringMatching(/people\.xlsx.*Row 3, column “Age”: “twenty” is not a number/) });
    expect(await snapshot(t.client)).toEqual(before);
  });

  it('summarises participants per session and per group, facilitators left out', async () => {
    t = await makeSampleApp();
    const attrs = await t.client.call('attributes.list', {});
    const role = attrs.find((a) => a.name === 'Role')!;
    const gender = attrs.find((a) => a.name === 'Gender')!;
    const byDoc = await t.client.call('participants.summary', { by: 'document', attributeIds: [role.id, gender.id] });
    expect(byDoc.rows).toHaveLength(3);
    expect(byDoc.rows.map((r) => r.participants)).toEqual([4, 4, 4]);
    expect(byDoc.rows[2].counts[role.id]).toEqual({ Mentor: 4 });
    expect(byDoc.rows[0].counts[gender.id]).toEqual({ Woman: 2, Man: 2 });
    expect(byDoc.total.participants).toBe(12);
    expect(byDoc.total.counts[role.id]).toEqual({ Mentee: 8, Mentor: 4 });

    const byGroup = await t.client.call('participants.summary', { by: 'group', attributeIds: [role.id] });
    expect(byGroup.rows.map((r) => [r.label, r.participants])).toEqual([
      ['Mentee groups', 8],
      ['Mentor group', 4],
    ]);
  });

  it('document details and groups: edit, assign, rename, remove', async () => {
    t = await makeImportApp();
    const { result } = await importPath(t.client, fixture('panel.vtt'));
    const group = await t.client.call('documentGroups.create', { name: 'Panels' });
    await expect(t.client.call('documentGroups.create', { name: 'panels' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const doc = await t.client.call('documents.update', {
      id: result.documentId,
      title: 'Panel 1',
      kind: 'focus-group',
      sessionName: 'Panel session',
      sessionDate: '2024-02-29',
      facilitator: 'Dana',
      durationMinutes: 42,
      notes: 'Recorded on Zoom',
      groupId: group.id,
    });
    expect(doc).toMatchObject({ title: 'Panel 1', sessionDate: '2024-02-29', durationMinutes: 42, groupId: group.id, notes: 'Recorded on Zoom' });
    await expect(t.client.call('documents.update', { id: result.documentId, sessionDate: '2023-02-29' })).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    expect((await t.client.call('documents.update', { id: result.documentId, sessionDate: null })).sessionDate).toBeNull();
    expect(await t.client.call('documentGroups.rename', { id: group.id, name: 'Expert panels' })).toMatchObject({ name: 'Expert panels' });
    expect(await t.client.call('documentGroups.delete', { id: group.id })).toEqual({ deleted: true, documents: 1 });
    expect((await t.client.call('documents.list', {}))[0].groupId).toBeNull();

    const turns = (await t.client.call('documents.get', { id: result.documentId })).turns;
    const omar = (await t.client.call('participants.list', {})).find((p) => p.label === 'Omar')!;
    const changed = await t.client.call('turns.update', { turnIds: [turns[0].id], participantId: omar.id, isFacilitator: true });
    expect(changed[0]).toMatchObject({ participantId: omar.id, isFacilitator: true, speakerLabel: 'Dana' });

    expect(await t.client.call('documents.delete', { id: result.documentId })).toMatchObject({ deleted: true });
    expect(await t.client.call('documents.list', {})).toEqual([]);
  });
});
