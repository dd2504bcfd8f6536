import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { agreementText } from '../../shared/format/agreement-format';
import { EXIT, runCli } from '../../electron/cli/main';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';

// `condensa agreement` prints what the app computes, through the same formatting function.

describe('condensa agreement', () => {
  let dir = '';
  let out: string[] = [];
  let err: string[] = [];
  const io = () => ({ out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-cli-agreement-'));
    out = [];
    err = [];
    expect(await runCli(['new', 'study.condensa', '--sample'], io())).toBe(EXIT.ok);
    out = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The same report as the app gets it, from a separate Application on the file. */
  async function fromTheApp(params: { level?: 'unit' | 'char' } = {}) {
    const app = new Application({ platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(dir, 'p'), userDataFolder: path.join(dir, 'u') });
    const client = createClient(directTransport(app));
    try {
      await client.call('project.open', { path: path.join(dir, 'study.condensa') });
      const coders = await client.call('coders.list', {});
      const ids = ['AH', 'BO'].map((i) => coders.find((c) => c.initials === i)!.id);
      return await client.call('agreement.compute', { coderIds: ids, ...params });
    } finally {
      app.closeProject();
    }
  }

  it('prints the same figures as the app, by initials or by name', async () => {
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'AH,BO'], io())).toBe(EXIT.ok);
    const text = out.join('\n');
    expect(text).toBe(agreementText(await fromTheApp()));
    expect(text).toContain('Agreement between Amira Haddad (AH) and Ben Okafor (BO), unit level');
    expect(text).toMatch(/Pooled over 1275 unit × code decisions/);
    expect(text).toContain('too few to judge');
    out = [];
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'amira haddad, Ben Okafor'], io())).toBe(EXIT.ok);
    expect(out.join('\n')).toBe(text);
  });

  it('prints JSON equal to the app’s report, and the character level', async () => {
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'AH,BO', '--json'], io())).toBe(EXIT.ok);
    expect(JSON.parse(out.join('\n'))).toEqual(await fromTheApp());
    out = [];
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'AH,BO', '--level', 'char'], io())).toBe(EXIT.ok);
    expect(out.join('\n')).toBe(agreementText(await fromTheApp({ level: 'char' })));
    expect(out.join('\n')).toContain('κ (size-weighted mean)');
  });

  it('says what is wrong: an unknown coder, a bad option, blind coding', async () => {
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'AH,ZZ'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toContain('No coder called “ZZ”');
    expect(err.join('\n')).toContain('Ben Okafor (BO)');
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'AH'], io())).toBe(EXIT.usage);
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'AH,BO', '--level', 'words'], io())).toBe(EXIT.usage);

    const app = new Application({ platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(dir, 'p'), userDataFolder: path.join(dir, 'u') });
    const client = createClient(directTransport(app));
    await client.call('project.open', { path: path.join(dir, 'study.condensa') });
    await client.call('project.update', { blind: true });
    app.closeProject();
    err = [];
    expect(await runCli(['agreement', 'study.condensa', '--coders', 'AH,BO'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toContain('--reveal');
    expect(err.join('\n')).toContain('[BLIND_CODING]');
    out = [];
    err = [];
    const revealed = await runCli(['agreement', 'study.condensa', '--coders', 'AH,BO', '--reveal'], io());
    expect(err.join('\n')).toBe('');
    expect(revealed).toBe(EXIT.ok);
    expect(out.join('\n')).toBe(agreementText(await fromTheApp()));
  });
});
