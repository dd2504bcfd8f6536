import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it('shared/ may not import Node, Electron or anything of ours outside shared/', async () => {
    expect(await lint('shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
    expect(await lint('shared/domain/x.ts', "import { Application } from '../../electron/core/application';\nexport const a = Application;\n")).toContain('no-restricted-imports');
    expect(await lint('shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });

  it('the renderer reaches the application only through shared/', async () => {
    expect(await lint('renderer/x.ts', "import { Application } from '../electron/core/application';\nexport const a = Application;\n")).toContain('no-restricted-imports');
    expect(await lint('renderer/x.ts', "import { create } from 'zustand';\nexport const a = create;\n")).toContain('no-restricted-imports');
    expect(await lint('renderer/x.ts', "import { contract } from '../shared/api/contract';\nexport const a = contract;\n")).toEqual([]);
  });

  it('the core, browser mode and CLI never import Electron', async () => {
    for (const file of ['electron/core/x.ts', 'electron/web/x.ts', 'electron/cli/x.ts']) {
      expect(await lint(file, "import { app } from 'electron';\nexport const a = app;\n"), file).toContain('no-restricted-imports');
    }
    expect(await lint('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});
