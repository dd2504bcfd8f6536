import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { fixture, importPath, makeImportApp, previewOne } from './support';

const ROUND_TABLE = [
  'Moderator: Welcome. Please introduce yourselves.',
  'Anna: I am a mentee.',
  'A. Berg: Same person, typed differently. I mean Anna.',
  'Ben: I mentor two students.',
  'Break:',
  'Moderator: We are back.',
  'Anna: Mentoring helped me settle in.',
  'Ben: It helped me too.',
  'Break:',
  'A. Berg: More from Anna.',
].join('\n\n');

describe('import: the user’s decisions about speakers', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  it('preview shows facilitators and pseudo speakers as such', async () => {
    const p = await previewOne(t.client, { kind: 'text', name: 'round.txt', text: ROUND_TABLE });
    expect(p.speakers.map((s) => [s.label, s.turnCount, s.isFacilitator, s.isPseudo])).toEqual([
      ['Moderator', 2, true, false],
      ['Anna', 2, false, false],
      ['A. Berg', 2, false, false],
      ['Ben', 2, false, false],
      ['Break', 2, false, true],
    ]);
    expect(p.kind).toBe('focus-group');
  });

  it('rename, merge two labels into one participant, keep a pseudo speaker as a non-participant, mark a facilitator', async () => {
    const p = await previewOne(t.client, { kind: 'text', name: 'round.txt', text: ROUND_TABLE });
    const result = await t.client.call('import.commit', {
      previewId: p.previewId,
      segment: 'turn',
      speakers: [
        { label: 'Anna', name: 'P1' },
        { label: 'A. Berg', name: 'P1' },
        { label: 'Ben', name: 'P2', isFacilitator: true },
      ],
      document: { title: 'Round table', kind: 'focus-group', sessionName: 'Session 1', sessionDate: '2024-03-18', facilitator: 'Dr. Lee', durationMinutes: 55, newGroupName: 'Mentee groups' },
    });
    expect(result).toMatchObject({ participantsCreated: 3, participantsMapped: 0, turns: 10 });
    const people = await t.client.call('participants.list', {});
    expect(people.map((x) => [x.label, x.turns]).sort()).toEqual([
      ['Moderator', 2],
      ['P1', 4],
      ['P2', 2],
    ]);
    const detail = await t.client.call('documents.get', { id: result.documentId });
    const p1 = people.find((x) => x.label === 'P1')!.id;
    // Labels as spoken stay on the turns; the participant is P1 for both spellings.
    expect(detail.turns.filter((x) => x.participantId === p1).map((x) => x.speakerLabel)).toEqual(['Anna', 'A. Berg', 'Anna', 'A. Berg']);
    const breaks = detail.turns.filter((x) => x.speakerLabel === 'Break');
    expect(breaks.every((x) => x.participantId === null)).toBe(true);
    // Units (by turn) only for P1: Moderator and Ben are facilitators, Break is nobody.
    expect(detail.units).toHaveLength(4);
    expect(detail.document).toMatchObject({ title: 'Round table', sessionName: 'Session 1', sessionDate: '2024-03-18', facilitator: 'Dr. Lee', durationMinutes: 55 });
    const groups = await t.client.call('documentGroups.list', {});
    expect(groups.map((g) => g.name)).toEqual(['Mentee groups']);
    expect(detail.document.groupId).toBe(groups[0].id);
  });

  it('the same label in a second session is a new person by default; the preview offers the first, and the user can say it is the same', async () => {
    await importPath(t.client, fixture('turns.csv'));
    const people = await t.client.call('participants.list', {});
    const p1 = people.find((x) => x.label === 'P1')!;
    const p = await previewOne(t.client, { kind: 'text', name: 'second.txt', text: 'p1: Hello again.\nP3: Hi.\np1: Bye.\nP3: Ciao.' });
    const offered = p.speakers.find((s) => s.label === 'p1')!.sameLabel;
    expect(offered.map((o) => o.participantId)).toEqual([p1.id]);
    expect(offered[0].sessions).toHaveLength(1);
    expect(p.speakers.find((s) => s.label === 'P3')?.sameLabel).toEqual([]);
    // Nothing said: two sessions' P1 are two people.
    const r = await t.client.call('import.commit', { previewId: p.previewId });
    expect(r).toMatchObject({ participantsMapped: 0, participantsCreated: 2 });
    const after = await t.client.call('participants.list', {});
    expect(after.filter((x) => x.label.toLowerCase() === 'p1')).toHaveLength(2);
    expect(after.find((x) => x.id === p1.id)?.documentIds).toHaveLength(1);

    // The user says so: the label is the participant of that label already in the project.
    const q = await previewOne(t.client, { kind: 'text', name: 'third.txt', text: 'P1: Me again.\nP4: New here.\nP1: Still me.\nP4: Hello.' });
    const r2 = await t.client.call('import.commit', { previewId: q.previewId, speakers: [{ label: 'P1', sameLabelSamePerson: true }] });
    expect(r2).toMatchObject({ participantsMapped: 1, participantsCreated: 1 });
    expect((await t.client.call('participants.list', {})).find((x) => x.id === p1.id)?.documentIds).toHaveLength(2);
  });

  it('map a label to an existing participant explicitly, and keep a pseudo label as a participant when asked', async () => {
    const anna = await t.client.call('participants.create', { label: 'Anna K.', pseudonym: 'Mentee 1' });
    const p = await previewOne(t.client, { kind: 'text', name: 'round.txt', text: ROUND_TABLE });
    const r = await t.client.call('import.commit', {
      previewId: p.previewId,
      speakers: [
        { label: 'Anna', participantId: anna.id },
        { label: 'A. Berg', participantId: anna.id },
        { label: 'Break', participant: true },
      ],
    });
    expect(r.participantsMapped).toBe(2);
    const people = await t.client.call('participants.list', {});
    expect(people.find((x) => x.id === anna.id)?.turns).toBe(4);
    expect(people.map((x) => x.label)).toContain('Break');
  });

  it('detection off: one speakerless turn per paragraph, no participants', async () => {
    const p = await previewOne(t.client, { kind: 'text', name: 'round.txt', text: ROUND_TABLE }, { detect: false });
    expect(p.speakers).toEqual([]);
    expect(p.turns).toBe(10);
    const r = await t.client.call('import.commit', { previewId: p.previewId, detect: false, segment: 'paragraph' });
    expect(r).toMatchObject({ participantsCreated: 0, turns: 10, units: 10 });
  });

  it('segmentation "none" makes turns but no units', async () => {
    const { result } = await importPath(t.client, fixture('lecture.srt'), { segment: 'none' });
    expect(result.units).toBe(0);
    expect(result.turns).toBe(3);
  });
});
