import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, makeTestApp, type TestApp } from '../support/app';
import { codedText, enrichSample } from './support';

// The official REFI-QDA 1.0 schemas live beside the repository; xmllint (libxml2-utils) checks
// our files against them. Either missing → the suite is skipped, loudly.
const SCHEMAS = path.resolve(__dirname, '../../../../shared/data/refi/schemas');
const SAMPLES = path.resolve(__dirname, '../../../../shared/data/refi/samples');
const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
const present = existsSync(SCHEMAS);
if (!present) console.warn('SKIPPED: ../shared/data/refi/schemas absent — REFI-QDA schema validation not run');
if (!xmllint) console.warn('SKIPPED: xmllint not installed (apt-get install libxml2-utils) — REFI-QDA schema validation not run');
const suite = present && xmllint ? describe : describe.skip;

function validate(file: string, schema: 'Project' | 'Codebook'): string {
  const r = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, `${schema}-mrt2019.xsd`), file], { encoding: 'utf8' });
  return r.status === 0 ? 'valid' : r.stderr;
}

function unpackQde(qdpx: string, dir: string, name: string): string {
  const files = unzipSync(readFileSync(qdpx));
  const out = path.join(dir, name);
  writeFileSync(out, files['project.qde']);
  return out;
}

suite('exports validate against the official REFI-QDA schemas (xmllint)', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('the sample study: project.qde and the .qdc codebook', async () => {
    t = await makeSampleApp();
    enrichSample(t);
    const project = await t.client.call('refi.exportProject', { path: path.join(t.dir, 'sample.qdpx') });
    const codebook = await t.client.call('refi.exportCodebook', { path: path.join(t.dir, 'sample.qdc') });
    expect(validate(unpackQde(project.path, t.dir, 'project.qde'), 'Project')).toBe('valid');
    expect(validate(codebook.path, 'Codebook')).toBe('valid');
  });

  it('the validator is not a rubber stamp: a broken file fails it', async () => {
    t = makeTestApp();
    const bad = path.join(t.dir, 'bad.qde');
    writeFileSync(bad, '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0"><Sets/></Project>');
    expect(validate(bad, 'Project')).not.toBe('valid');
  });

  it.skipIf(!existsSync(SAMPLES))('an NVivo project taken through Condensa: valid, and every coding still on the same words', async () => {
    t = makeTestApp();
    await t.client.call('refi.importProject', { sourcePath: path.join(SAMPLES, 'nvivo-win-12.6-oltas0517.qdpx'), targetPath: 'nvivo' });
    const before = codedText(t.app.requireProject().db);
    const out = await t.client.call('refi.exportProject', { path: path.join(t.dir, 'nvivo-again.qdpx') });
    expect(validate(unpackQde(out.path, t.dir, 'nvivo.qde'), 'Project')).toBe('valid');
    const again = await t.client.call('refi.importProject', { sourcePath: out.path, targetPath: 'nvivo-again' });
    expect(again.report.positions?.unit).toBe('code-points');
    expect(codedText(t.app.requireProject().db)).toEqual(before);
    expect(before.size).toBe(303);
  });
});
