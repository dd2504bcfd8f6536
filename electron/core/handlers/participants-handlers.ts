import type { participantMethods } from '../../../shared/api/methods/participants';
import type { HandlerMap } from '../handler-types';
import { readTable } from '../participants/attribute-table';
import {
  createAttribute,
  createParticipant,
  deleteAttribute,
  deleteParticipants,
  describeTable,
  getAttribute,
  getParticipant,
  importAttributeTable,
  participantSummary,
  setValue,
  updateAttribute,
  updateParticipant,
} from '../participants/participants-service';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

export const participantHandlers: HandlerMap<keyof typeof participantMethods> = {
  'participants.create': ({ label, pseudonym, notes }, ctx) => {
    const id = ctx.write(`Add participant ${label}`, () => createParticipant(ctx.project.db, label, pseudonym, notes));
    return getParticipant(ctx.project.db, id);
  },
  'participants.update': ({ id, ...changes }, ctx) => {
    const label = getParticipant(ctx.project.db, id).label;
    ctx.write(`Change participant ${label}`, () => updateParticipant(ctx.project.db, id, changes));
    return getParticipant(ctx.project.db, id);
  },
  'participants.delete': ({ ids }, ctx) => ({
    deleted: ctx.write((n) => `Remove ${plural(n, 'a participant', 'participants')}`, () => deleteParticipants(ctx.project.db, ids)),
  }),
  'participants.setValue': ({ participantIds, attributeId, value }, ctx) => {
    const name = getAttribute(ctx.project.db, attributeId).name;
    const summary = `Set ${name} for ${plural(participantIds.length, 'a participant', 'participants')}`;
    return { changed: ctx.write(summary, () => setValue(ctx.project.db, participantIds, attributeId, value)) };
  },
  'attributes.create': ({ name, type, choices }, ctx) => ctx.write(`Add attribute ${name}`, () => createAttribute(ctx.project.db, name, type, choices)),
  'attributes.update': ({ id, ...changes }, ctx) => {
    const name = getAttribute(ctx.project.db, id).name;
    return ctx.write(`Change attribute ${name}`, () => updateAttribute(ctx.project.db, id, changes));
  },
  'attributes.delete': ({ id }, ctx) => {
    const name = getAttribute(ctx.project.db, id).name;
    const values = ctx.write(`Remove attribute ${name}`, () => deleteAttribute(ctx.project.db, id));
    return { deleted: true, values };
  },
  'participants.readAttributeTable': async ({ source, sheet }, { project }) => describeTable(project.db, await readTable(source, sheet)),
  'participants.importAttributes': async ({ source, sheet, keyColumn, columns, createMissing }, ctx) => {
    const table = await readTable(source, sheet);
    return ctx.write(
      (r) => `Import attributes from ${table.fileName} (${plural(r.updated, 'a participant', 'participants')})`,
      () => importAttributeTable(ctx.project.db, table, keyColumn, columns, createMissing),
    );
  },
  'participants.summary': ({ by, attributeIds }, { project }) => participantSummary(project.db, by, attributeIds),
};
