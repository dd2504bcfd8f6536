import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { docxWithBody, makeTurns, toOdt, toText, withDeclaredSize } from './big-inputs';
import { importPath, makeImportApp, snapshot, writeTemp } from './support';

// A document whose zip directory lies about how large a part unpacks is refused with a message,
// before the lie costs minutes and gigabytes or cuts the transcript short unnoticed.

// A body that deflates to a few hundred KB and unpacks to ~60 MB (under the 200:1 ratio check, as
// the declared size is tiny): the shape of the 2.4 MB .docx that once took 105 s and 1.1 GB.
function bloatedBody(): string {
  const paragraph = '<w:p><w:r><w:t>Anna Berg: We talked about the mentors again.</w:t></w:r></w:p>';
  return paragraph.repeat(Math.ceil((60 * 1024 * 1024) / paragraph.length));
}

describe('import: documents that lie about their unpacked size', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  async function refusalOf(name: string, bytes: Uint8Array) {
    const file = writeTemp(t, name, bytes);
    const before = await snapshot(t.client);
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'path', path: file }] });
    expect(await snapshot(t.client)).toEqual(before);
    const outcome = files[0];
    if (outcome.ok) throw new Error(`${name} was imported: ${outcome.preview.textLength} characters`);
    return outcome.error;
  }

  it('a .docx whose document.xml declares 4 KB and unpacks to 60 MB is refused as unsafe', async () => {
    const docx = withDeclaredSize(docxWithBody(bloatedBody()), 'word/document.xml', 4096);
    const error = await refusalOf('bomb.docx', docx);
    expect(error.code).toBe('IMPORT_UNSAFE_ARCHIVE');
    expect(error.message).toMatch(/“bomb\.docx”: This Word document was refused for safety: the entry “word\/document\.xml” unpacks to more than the 4096 bytes it declares/);
  });

  it('an .odt whose content.xml declares less than it holds is refused, never imported cut short', async () => {
    const odt = toOdt(makeTurns(40_000));
    const honest = await importPath(t.client, writeTemp(t, 'honest.odt', odt));
    expect(honest.detail.text.length).toBeGreaterThan(30_000);
    const error = await refusalOf('short.odt', withDeclaredSize(odt, 'content.xml', 20_000));
    expect(error.code).toBe('IMPORT_UNSAFE_ARCHIVE');
    expect(error.message).toMatch(/“short\.odt”: This OpenDocument file was refused for safety: .*unpacks to more than the 20000 bytes it declares/);
  });

  it('an .odt whose content.xml declares more than it holds is refused as damaged', async () => {
    const odt = toOdt(makeTurns(40_000));
    const error = await refusalOf('long.odt', withDeclaredSize(odt, 'content.xml', 900_000));
    expect(error.code).toBe('IMPORT_BAD_FILE');
    expect(error.message).toMatch(/This \.odt cannot be read .* save it again and import the new copy/);
  });

  it('an honest .docx of the same turns still imports whole', async () => {
    const turns = makeTurns(40_000);
    const docx = docxWithBody(turns.map((x) => `<w:p><w:r><w:t>${x.speaker}: ${x.text}</w:t></w:r></w:p>`).join(''));
    const { detail } = await importPath(t.client, writeTemp(t, 'honest.docx', docx));
    expect(detail.text).toBe(toText(turns));
  });
});
