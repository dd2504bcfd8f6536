import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { CodebookNode, Coder, DocumentDetail, Turn } from '../../shared/api/entities';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { makeSampleApp, type TestApp } from './support/app';
import { dumpTables, one, sql } from './support/workbench';

// #19 item 5: repairs of a transcript in the app. Whatever is anchored in the text (turns,
// meaning units, condensations, unit codings, coded passages, decisions, quotes, memos) stays on
// the same words; each repair is one undo step that restores every row exactly, with its audit
// entry in plain words. Offsets are UTF-16 code units: the text is full of emoji on purpose.

type Sample = TestApp & { readonly coders: readonly Coder[] };

const TEXT = [
  'Interviewer: How was the first week 😀? Tell me everything.',
  '',
  'Mentee 1: It was hard 😀🎉 at first. I had teh feeling nobody cared. Then my mentor called 📞. I disagree, it was fine for me.',
  '',
  'Mentee 2: Yes 👍.',
  'Recorded in Room 4',
  '',
  'Mentee 2: And the exams 📚 were the worst part.',
].join('\n');

let t: Sample;
let docId: string;
let code: CodebookNode;
let other: CodebookNode;

async function importDoc(text: string): Promise<string> {
  const base64 = Buffer.from(text, 'utf8').toString('base64');
  const { files } = await t.client.call('import.preview', { sources: [{ kind: 'bytes', name: 'repair.txt', base64 }] });
  const outcome = files[0];
  if (!outcome.ok) throw new Error(`preview refused: ${outcome.error.code}`);
  return (await t.client.call('import.commit', { previewId: outcome.preview.previewId, segment: 'sentence', unitsInFacilitatorTurns: true })).documentId;
}

async function detail(): Promise<DocumentDetail> {
  return t.client.call('documents.get', { id: docId });
}

function turnWith(d: DocumentDetail, words: string): Turn {
  const turn = d.turns.find((x) => d.text.slice(x.start, x.end).includes(words));
  if (!turn) throw new Error(`no turn with “${words}”`);
  return turn;
}

function unitWith(d: DocumentDetail, words: string) {
  const unit = d.units.find((u) => d.text.slice(u.start, u.end).includes(words));
  if (!unit) throw new Error(`no unit with “${words}”`);
  return unit;
}

/** Every anchored thing of the document as the words it stands on, keyed by row id. */
function anchoredWords(): Record<string, string> {
  const text = one<string>(t, `SELECT text FROM documents WHERE id = ?`, docId);
  const words: Record<string, string> = {};
  for (const table of ['turns', 'meaning_units', 'codings', 'resolutions']) {
    for (const r of sql<{ id: string; start: number | null; end: number | null; unit_id?: string | null }>(t, `SELECT * FROM ${table} WHERE document_id = ?`, docId)) {
      if (r.start === null || r.end === null) continue;
      words[`${table}:${r.id}`] = text.slice(r.start, r.end);
    }
  }
  return words;
}

async function lastAudit(): Promise<string> {
  return one<string>(t, `SELECT summary FROM audit_steps ORDER BY seq DESC LIMIT 1`);
}

beforeEach(async () => {
  t = (await makeSampleApp()) as Sample;
  docId = await importDoc(TEXT);
  const nodes = await t.client.call('codebook.list', {});
  const codes = nodes.filter((n) => n.level === 'code');
  [code, other] = codes;
});
let elsewhere: Application | null = null;
afterEach(() => {
  elsewhere?.closeProject();
  elsewhere = null;
  t.close();
});

/** The other coder's own Condensa, on the copy they were handed. */
async function openCopy(file: string): Promise<Client> {
  elsewhere = new Application(
    { platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(t.dir, 'elsewhere'), userDataFolder: path.join(t.dir, 'elsewhere-data') },
    { validateResults: true },
  );
  const client = createClient(directTransport(elsewhere));
  await client.call('project.open', { path: file });
  return client;
}

function closeCopy(): void {
  elsewhere?.closeProject();
  elsewhere = null;
}

/** Codes, condenses, quotes and memos the unit holding `words`, and codes a passage across it, one before and one after. */
async function workOn(words: string) {
  const d = await detail();
  const unit = unitWith(d, words);
  await t.client.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [code.id] });
  await t.client.call('units.condense', { unitId: unit.id, condensed: 'Felt nobody cared' });
  await t.client.call('quotes.set', { nodeId: code.id, unitId: unit.id, quote: true });
  await t.client.call('memos.create', { targetType: 'unit', targetId: unit.id, body: 'Loneliness in week one' });
  const at = d.text.indexOf(words);
  const span = async (from: string, to: string) => {
    const start = d.text.indexOf(from);
    const end = d.text.indexOf(to, start) + to.length;
    return (await t.client.call('codings.applySpan', { documentId: docId, start, end, codeIds: [other.id] })).added[0];
  };
  const across = await span('had teh', 'cared');
  const before = await span('hard 😀🎉', 'first');
  const after = await span('mentor', 'called 📞');
  const later = await span('exams 📚', 'worst');
  // A decision on a passage, as a resolver's records keep it.
  const resolver = t.coders[0];
  t.app.requireProject().db.prepare(
    `INSERT INTO resolutions (id, document_id, unit_id, start, "end", code_id, discrepancy_type, decision, rationale, resolver_id, decided_at)
     VALUES ('res-1', ?, NULL, ?, ?, ?, 'boundary', 'keep-a', 'Both read it so', ?, '2026-01-01')`,
  ).run(docId, at, at + words.length + 7, other.id, resolver.id);
  return { unit, across, before, after, later };
}

describe('correcting a word', () => {
  it('keeps every unit, condensation, coding, passage, decision, quote and memo on its words; one undo step restores all', async () => {
    const work = await workOn('teh feeling');
    const before = anchoredWords();
    const tables = dumpTables(t);
    const d = await detail();
    const turn = turnWith(d, 'teh feeling');
    const corrected = d.text.slice(turn.start, turn.end).replace('teh', 'the');

    const r = await t.client.call('turns.editText', { turnId: turn.id, text: corrected });
    expect(r).toMatchObject({ turnId: turn.id, unitsRemoved: 0 });
    const after = anchoredWords();
    // Every anchored row is on the same words, the corrected word aside.
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [key, words] of Object.entries(before)) expect(after[key], key).toBe(words.replace('teh', 'the'));
    expect(after[`codings:${work.across.id}`]).toBe('had the feeling nobody cared');
    expect(after[`codings:${work.before.id}`]).toBe('hard 😀🎉 at first');
    expect(after[`codings:${work.later.id}`]).toBe('exams 📚 were the worst');
    expect(after['resolutions:res-1']).toBe('the feeling nobody');
    // What rides on the unit by its id is still there.
    const unit = (await detail()).units.find((u) => u.id === work.unit.id)!;
    expect(unit.condensed).toBe('Felt nobody cared');
    expect(one(t, `SELECT count(*) FROM quotes WHERE unit_id = ?`, unit.id)).toBe(1);
    expect(one(t, `SELECT count(*) FROM memos WHERE target_id = ?`, unit.id)).toBe(1);
    expect(one(t, `SELECT count(*) FROM codings WHERE unit_id = ?`, unit.id)).toBe(1);

    expect(await lastAudit()).toBe('Correct Mentee 1’s turn in “repair”: “teh” to “the”');
    expect(r).toMatchObject({ documentId: docId });
    const state = await t.client.call('history.state', {});
    expect(state.undoLabel).toBe('Correct Mentee 1’s turn in “repair”: “teh” to “the”');
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(tables);
  });

  it('moves everything after an insertion of emoji by their UTF-16 length, and nothing before it', async () => {
    await workOn('teh feeling');
    const before = anchoredWords();
    const rows = sql<{ id: string; start: number }>(t, `SELECT id, start FROM meaning_units WHERE document_id = ? ORDER BY start`, docId);
    const d = await detail();
    const turn = turnWith(d, 'How was');
    const old = d.text.slice(turn.start, turn.end);
    await t.client.call('turns.editText', { turnId: turn.id, text: old.replace('How was', 'How 🙂🙂 was') });
    expect(anchoredWords()).toEqual(
      Object.fromEntries(Object.entries(before).map(([k, w]) => [k, w.includes('How was') ? w.replace('How was', 'How 🙂🙂 was') : w])),
    );
    const moved = sql<{ id: string; start: number }>(t, `SELECT id, start FROM meaning_units WHERE document_id = ? ORDER BY start`, docId);
    // '🙂🙂 ' is five UTF-16 code units (two surrogate pairs and a space).
    expect(moved.map((u) => u.start - rows.find((r) => r.id === u.id)!.start)).toEqual(rows.map((r) => (r.start > turn.start + 3 ? 5 : 0)));
  });

  it('shrinks what a deletion cuts into, and refuses one that would leave a coded unit or passage without words', async () => {
    const work = await workOn('teh feeling');
    const d = await detail();
    const turn = turnWith(d, 'teh feeling');
    const old = d.text.slice(turn.start, turn.end);
    // Words cut from the middle of a passage: it keeps the rest of them.
    await t.client.call('turns.editText', { turnId: turn.id, text: old.replace(' nobody cared', ' cared') });
    expect(anchoredWords()[`codings:${work.across.id}`]).toBe('had teh feeling cared');
    const tables = dumpTables(t);
    // The whole coded sentence deleted: refused with its code, nothing changed.
    const now = (await detail()).text.slice(turn.start, (await detail()).turns.find((x) => x.id === turn.id)!.end);
    await expect(t.client.call('turns.editText', { turnId: turn.id, text: now.replace('I had teh feeling cared.', '') })).rejects.toMatchObject({
      code: 'REPAIR_DROPS_WORK',
    });
    expect(dumpTables(t)).toEqual(tables);
    // A sentence with nothing on it may go: its bare unit goes with it, and undo brings it back.
    const bare = unitWith(await detail(), 'Yes 👍');
    const yesTurn = turnWith(await detail(), 'Yes 👍');
    const yesText = (await detail()).text.slice(yesTurn.start, yesTurn.end);
    const r = await t.client.call('turns.editText', { turnId: yesTurn.id, text: yesText.replace('Yes 👍.', '') });
    expect(r.unitsRemoved).toBe(1);
    expect((await detail()).units.some((u) => u.id === bare.id)).toBe(false);
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(tables);
  });

  it('refuses to empty a turn, and an edit that would cut an emoji in half', async () => {
    const d = await detail();
    const turn = turnWith(d, 'exams');
    await expect(t.client.call('turns.editText', { turnId: turn.id, text: '  ' })).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    const old = d.text.slice(turn.start, turn.end);
    // Replacing one emoji by another that shares its high surrogate: the edit takes the whole character.
    await t.client.call('turns.editText', { turnId: turn.id, text: old.replace('📚', '📖') });
    expect(await lastAudit()).toContain('“📚” to “📖”');
  });
});

describe('splitting, merging, changing the speaker, marking not speech', () => {
  it('splits a mis-attributed turn at the caret and gives the new part its speaker; a unit across the cut becomes two with its codings', async () => {
    const d = await detail();
    const mentee2 = (await t.client.call('participants.list', {})).find((p) => p.label === 'Mentee 2')!;
    const turn = turnWith(d, 'I disagree');
    // The unit that begins at the cut, coded, and a passage across the cut.
    const cutAt = d.text.indexOf('I disagree');
    const unit = unitWith(d, 'I disagree');
    await t.client.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [code.id] });
    const wide = await t.client.call('codings.applySpan', { documentId: docId, start: d.text.indexOf('mentor'), end: d.text.indexOf('fine') + 4, codeIds: [other.id] });
    const tables = dumpTables(t);
    const before = anchoredWords();

    // The caret inside the first word (“I|”) cuts before it: no word is cut in two.
    const r = await t.client.call('turns.split', { turnId: turn.id, at: cutAt, participantId: mentee2.id });
    const after = await detail();
    const first = after.turns.find((x) => x.id === turn.id)!;
    const second = after.turns.find((x) => x.id === r.turnId)!;
    expect(after.text).toBe(d.text);
    expect(after.text.slice(first.start, first.end)).toBe('It was hard 😀🎉 at first. I had teh feeling nobody cared. Then my mentor called 📞.');
    expect(after.text.slice(second.start, second.end)).toBe('I disagree, it was fine for me.');
    expect(second).toMatchObject({ participantId: mentee2.id, speakerLabel: 'Mentee 2', isFacilitator: false, notSpeech: false });
    expect(after.units.find((u) => u.id === unit.id)).toMatchObject({ start: unit.start, end: unit.end });
    expect(anchoredWords()[`codings:${wide.added[0].id}`]).toBe(before[`codings:${wide.added[0].id}`]);
    expect(await lastAudit()).toBe('Split Mentee 1’s turn in “repair” before “I disagree, it was fine for me.”: the new turn is Mentee 2’s turn');

    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(tables);

    // A cut inside a unit (in a project that keeps units within turns) splits the unit; both parts keep its codings.
    const inside = d.text.indexOf('nobody cared');
    const held = unitWith(d, 'nobody cared');
    await t.client.call('codings.apply', { target: { unitIds: [held.id] }, codeIds: [other.id] });
    const r2 = await t.client.call('turns.split', { turnId: turn.id, at: inside, participantId: null });
    expect(r2.unitsSplit).toBe(1);
    const split = await detail();
    const parts = split.units.filter((u) => u.start >= held.start && u.end <= held.end);
    expect(parts.map((u) => split.text.slice(u.start, u.end))).toEqual(['I had teh feeling', 'nobody cared.']);
    for (const p of parts) expect(split.codings.filter((c) => c.unitId === p.id).map((c) => c.codeId)).toEqual([other.id]);
    expect(await lastAudit()).toMatch(/the same speaker goes on \(a meaning unit cut in two with it\)$/);
  });

  it('gives the new part to a speaker heard for the first time: a new participant, in the same undo step', async () => {
    const d = await detail();
    const turn = turnWith(d, 'I disagree');
    const tables = dumpTables(t);
    const r = await t.client.call('turns.split', { turnId: turn.id, at: d.text.indexOf('I disagree'), participantId: null, newSpeaker: 'Mentee 3' });
    const after = await detail();
    const mentee3 = (await t.client.call('participants.list', {})).find((p) => p.label === 'Mentee 3')!;
    expect(after.turns.find((x) => x.id === r.turnId)).toMatchObject({ participantId: mentee3.id, speakerLabel: 'Mentee 3' });
    expect(await lastAudit()).toBe('Split Mentee 1’s turn in “repair” before “I disagree, it was fine for me.”: the new turn is spoken by Mentee 3, a new participant');
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(tables);
  });

  it('changes a turn’s speaker with plain audit words, undone in one step', async () => {
    const d = await detail();
    const mentee2 = (await t.client.call('participants.list', {})).find((p) => p.label === 'Mentee 2')!;
    const turn = turnWith(d, 'I disagree');
    const tables = dumpTables(t);
    await t.client.call('turns.update', { turnIds: [turn.id], participantId: mentee2.id });
    expect(await lastAudit()).toBe('Change the speaker of a turn in “repair” from Mentee 1 to Mentee 2');
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(tables);
  });

  it('merges a turn with the next: the label between them goes, everything after moves with its words', async () => {
    await workOn('exams 📚');
    const d = await detail();
    const first = turnWith(d, 'Yes 👍');
    const before = anchoredWords();
    const tables = dumpTables(t);
    await t.client.call('turns.mergeWithNext', { turnId: first.id });
    const after = await detail();
    const merged = after.turns.find((x) => x.id === first.id)!;
    expect(after.turns).toHaveLength(d.turns.length - 1);
    expect(after.text.slice(merged.start, merged.end)).toBe('Yes 👍.\nRecorded in Room 4 And the exams 📚 were the worst part.');
    expect(after.text).not.toContain('Mentee 2: And');
    const now = anchoredWords();
    for (const [key, words] of Object.entries(before)) if (!key.startsWith('turns:')) expect(now[key], key).toBe(words);
    expect(await lastAudit()).toBe('Merge Mentee 2’s turn with the next turn (Mentee 2’s turn) in “repair”, all under Mentee 2');
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(tables);
  });

  it('marks a line as not speech: its own turn, no meaning unit on it, and segmenting again leaves it alone', async () => {
    const d = await detail();
    const turn = turnWith(d, 'Recorded in Room 4');
    const lineStart = d.text.indexOf('Recorded in Room 4');
    expect(d.units.some((u) => d.text.slice(u.start, u.end) === 'Recorded in Room 4')).toBe(true);
    const tables = dumpTables(t);
    const r = await t.client.call('turns.markNotSpeech', { turnId: turn.id, start: lineStart, end: lineStart + 'Recorded in Room 4'.length });
    expect(r.unitsRemoved).toBe(1);
    const after = await detail();
    const line = after.turns.find((x) => x.id === r.turnId)!;
    expect(after.text.slice(line.start, line.end)).toBe('Recorded in Room 4');
    expect(line).toMatchObject({ notSpeech: true, participantId: null });
    expect(after.turns.find((x) => x.id === turn.id)!.end).toBe(d.text.indexOf('Yes 👍.') + 'Yes 👍.'.length);
    expect(after.units.some((u) => u.start >= line.start && u.end <= line.end)).toBe(false);
    expect(await lastAudit()).toBe('Mark “Recorded in Room 4” in “repair” as not speech (an empty meaning unit removed)');
    await t.client.call('units.segment', { documentId: docId, mode: 'sentence', unitsInFacilitatorTurns: true });
    const again = await detail();
    expect(again.units.some((u) => u.start >= line.start && u.end <= line.end)).toBe(false);
    // Segmenting again found nothing to change: the repair is still what undo offers.
    expect((await t.client.call('history.state', {})).undoLabel).toBe('Mark “Recorded in Room 4” in “repair” as not speech (an empty meaning unit removed)');
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(tables);
  });

  it('marks a whole turn as not speech (nobody speaks in it) and as speech again (its label’s speaker back)', async () => {
    const d = await detail();
    const turn = turnWith(d, 'And the exams');
    const before = turn.participantId;
    expect(before).not.toBeNull();
    const unitsBefore = d.units.filter((u) => u.start >= turn.start && u.end <= turn.end).length;
    expect(unitsBefore).toBeGreaterThan(0);
    const r = await t.client.call('turns.markNotSpeech', { turnId: turn.id });
    expect(r).toMatchObject({ turnId: turn.id, unitsRemoved: unitsBefore });
    expect((await detail()).turns.find((x) => x.id === turn.id)).toMatchObject({ notSpeech: true, participantId: null, isFacilitator: false, speakerLabel: 'Mentee 2' });
    // Speaker counts leave it out.
    expect(one(t, `SELECT count(*) FROM turns WHERE participant_id = ? AND document_id = ?`, before, docId)).toBe(1);
    await t.client.call('turns.markNotSpeech', { turnId: turn.id, notSpeech: false });
    // Mentee 2 speaks under that label in the document's other turn: the turn is theirs again.
    expect((await detail()).turns.find((x) => x.id === turn.id)).toMatchObject({ notSpeech: false, participantId: before });
    expect(await lastAudit()).toBe('Mark “And the exams 📚 were the worst part.” in “repair” as speech');
  });

  it('refuses to mark a line as not speech while a coded unit is on it', async () => {
    const d = await detail();
    const turn = turnWith(d, 'Recorded in Room 4');
    const unit = unitWith(d, 'Recorded in Room 4');
    await t.client.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [code.id] });
    const tables = dumpTables(t);
    const lineStart = d.text.indexOf('Recorded in Room 4');
    await expect(t.client.call('turns.markNotSpeech', { turnId: turn.id, start: lineStart, end: lineStart + 18 })).rejects.toMatchObject({ code: 'REPAIR_DROPS_WORK' });
    expect(dumpTables(t)).toEqual(tables);
  });
});

describe('repairs and coder copies', () => {
  it('reports a repair made in a coder copy as a conflict with a memo, keeps this transcript, and lands the copy’s codings on the same words', async () => {
    const ben = t.coders.find((c) => c.initials === 'BO')!;
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id });
    const b = await openCopy(copy.path);
    const theirs = await b.call('documents.get', { id: docId });
    const turn = turnWith(theirs, 'teh feeling');
    // Ben corrects a word and splits the turn, then codes a passage after the correction.
    await b.call('turns.editText', { turnId: turn.id, text: theirs.text.slice(turn.start, turn.end).replace('teh', 'the very') });
    const fixed = await b.call('documents.get', { id: docId });
    await b.call('turns.split', { turnId: turn.id, at: fixed.text.indexOf('I disagree'), participantId: null });
    const start = fixed.text.indexOf('mentor called');
    const benSpan = (await b.call('codings.applySpan', { documentId: docId, start, end: start + 'mentor called 📞'.length, codeIds: [code.id] })).added[0];
    closeCopy();
    // Meanwhile, here, a word before it is corrected too.
    const ours = await detail();
    const interviewer = turnWith(ours, 'How was');
    await t.client.call('turns.editText', { turnId: interviewer.id, text: ours.text.slice(interviewer.start, interviewer.end).replace('first week', 'first 🗓️ week') });
    const textHere = (await detail()).text;
    const turnsHere = (await detail()).turns;

    const report = await t.client.call('exchange.merge', { path: copy.path });
    const conflict = report.conflicts.find((c) => c.kind === 'repaired-there');
    expect(conflict).toMatchObject({ table: 'documents', rowId: docId, what: 'transcript of “repair”' });
    expect(conflict!.outcome).toContain('this study’s transcript is kept');
    expect(conflict!.fields.find((f) => f.field === 'text')!.theirs).toContain('the very feeling');
    expect(String(conflict!.fields.find((f) => f.field === 'turns')!.theirs)).toContain('a new turn from “I disagree, it was fine for me.”');
    const memo = (await t.client.call('memos.list', { targetType: 'document', targetId: docId })).find((m) => m.id === conflict!.memoId)!;
    expect(memo.body).toContain('the very feeling');
    // Nothing of the repair is applied over this transcript, and Ben's coding is on his words here.
    const after = await detail();
    expect(after.text).toBe(textHere);
    expect(after.turns).toEqual(turnsHere);
    const merged = after.codings.find((c) => c.id === benSpan.id)!;
    expect(after.text.slice(merged.start!, merged.end!)).toBe('mentor called 📞');
  });

  it('carries a copy’s new codings through a repair made here after the hand-out, with no conflict', async () => {
    const ben = t.coders.find((c) => c.initials === 'BO')!;
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id });
    const b = await openCopy(copy.path);
    const theirs = await b.call('documents.get', { id: docId });
    const start = theirs.text.indexOf('exams 📚');
    const benSpan = (await b.call('codings.applySpan', { documentId: docId, start, end: start + 'exams 📚 were'.length, codeIds: [code.id] })).added[0];
    const unit = unitWith(theirs, 'exams');
    await b.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [other.id] });
    closeCopy();
    // Here: a word corrected and two turns merged, both before Ben's passage.
    const ours = await detail();
    const turn = turnWith(ours, 'teh feeling');
    await t.client.call('turns.editText', { turnId: turn.id, text: ours.text.slice(turn.start, turn.end).replace('teh', 'the 😀') });
    await t.client.call('turns.mergeWithNext', { turnId: turnWith(await detail(), 'Yes 👍').id });

    const report = await t.client.call('exchange.merge', { path: copy.path });
    expect(report.conflicts).toEqual([]);
    const after = await detail();
    const merged = after.codings.find((c) => c.id === benSpan.id)!;
    expect(after.text.slice(merged.start!, merged.end!)).toBe('exams 📚 were');
    const u = after.units.find((x) => x.id === unit.id)!;
    expect(after.text.slice(u.start, u.end)).toBe('And the exams 📚 were the worst part.');
    expect(after.codings.some((c) => c.unitId === unit.id && c.coderId === ben.id && c.codeId === other.id)).toBe(true);
  });
});
