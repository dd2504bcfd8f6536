import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/cli/main';
import type { TestApp } from '../support/app';
import { makeImportApp, previewOne } from './support';

// #19 item 4: focus groups number their speakers afresh, so "Mentee 1" of the first group and of the
// second are two people unless the user says otherwise; Table 1 counts people, not labels.

const group = (n: number) =>
  [
    `Focus group ${n}`,
    '',
    'Moderator: Welcome, everyone. Could you say how the first term went?',
    '',
    `Mentee 1 (F): It went better than I feared, group ${n}.`,
    '',
    `Mentee 2 (M): I struggled with anatomy, but my mentor helped.`,
    '',
    'Moderator: What did your mentor do?',
    '',
    'Mentee 1 (F): She showed me how she studies.',
    '',
    'Mentee 2 (M): Mine met us every week.',
  ].join('\n');

async function importGroup(t: TestApp, n: number, groupId: string) {
  const p = await previewOne(t.client, { kind: 'text', name: `group-${n}.txt`, text: group(n) });
  const r = await t.client.call('import.commit', { previewId: p.previewId, document: { groupId, title: `Focus group ${n}` } });
  return { preview: p, result: r };
}

describe('sessions kept apart', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  it('the same labels in a second focus group are new participants, offered but not merged, and Table 1 counts four mentees', async () => {
    const mentees = await t.client.call('documentGroups.create', { name: 'Mentee groups' });
    const first = await importGroup(t, 1, mentees.id);
    expect(first.result.participantsCreated).toBe(3);
    const second = await importGroup(t, 2, mentees.id);
    // Offered: the earlier Mentee 1 speaks in the same group, so the dialog suggests them; not applied.
    const offered = second.preview.speakers.find((s) => s.label === 'Mentee 1')!.sameLabel;
    expect(offered).toHaveLength(1);
    expect(offered[0].sessions.map((s) => [s.title, s.groupId])).toEqual([['Focus group 1', mentees.id]]);
    expect(second.result).toMatchObject({ participantsCreated: 3, participantsMapped: 0 });

    const people = await t.client.call('participants.list', {});
    expect(people.filter((p) => p.label === 'Mentee 1').map((p) => p.documentIds.length)).toEqual([1, 1]);

    const gender = await t.client.call('attributes.create', { name: 'Gender', type: 'choice', choices: ['Woman', 'Man'] });
    for (const p of people.filter((x) => x.label.startsWith('Mentee'))) {
      await t.client.call('participants.setValue', { participantIds: [p.id], attributeId: gender.id, value: p.label === 'Mentee 1' ? 'Woman' : 'Man' });
    }
    const table1 = await t.client.call('reports.preview', { kind: 'participants', options: { namesChecked: true } });
    const sheet = table1.sheets[0];
    const total = sheet.columns.length - 1;
    expect(sheet.columns[total]).toBe('Total (n\u00a0=\u00a04)');
    expect(sheet.rows.find((r) => r[1] === 'Woman')?.[total]).toBe('2 (50%)');
  });

  it('the CLI keeps sessions apart unless --same-labels-same-person says otherwise', async () => {
    const file = t.file();
    t.app.closeProject();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-sessions-'));
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
    try {
      for (const n of [1, 2, 3]) fs.writeFileSync(path.join(dir, `group-${n}.txt`), group(n));
      expect(await runCli(['import', 'group-1.txt', 'group-2.txt', '--into', file], io)).toBe(EXIT.ok);
      expect(out.filter((l) => l.includes('(3 new participants)'))).toHaveLength(2);
      expect(await runCli(['import', 'group-3.txt', '--into', file, '--same-labels-same-person'], io)).toBe(EXIT.ok);
      expect(out.at(-1)).toContain('(0 new participants, 3 matched by label)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
