import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness';

// The desktop app opens only files the user picked in the system dialog (a typed path is refused by
// its file grants), so its Open project dialog offers that dialog; a browser tab keeps the path field.

/**
 * Makes the page believe it runs in the desktop app: app.info answers with native dialogs, as the
 * Electron host's does; everything else passes through (chooseProjectPath answers null: cancelled).
 */
async function actAsDesktop(page: Page, chooserCalls: string[]): Promise<void> {
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    const infoIds = new Set<number>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; method: string };
      if (request.method === 'app.info') infoIds.add(request.id);
      if (request.method === 'app.chooseProjectPath') chooserCalls.push(request.method);
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { id: number; envelope?: { ok: boolean; result?: Record<string, unknown> } };
      if (infoIds.has(answer.id) && answer.envelope?.ok && answer.envelope.result) {
        answer.envelope.result = { ...answer.envelope.result, platform: 'electron', nativeDialogs: true };
        ws.send(JSON.stringify(answer));
        return;
      }
      ws.send(message);
    });
  });
  await page.reload();
}

describe('Open project dialog', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('in a browser tab offers the path of a .condensa file, and no system-dialog button', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open project…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Open project' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Or the path of a .condensa file' }).fill('/nowhere/x.condensa');
    expect(await dialog.getByRole('button', { name: 'Open', exact: true }).isEnabled()).toBe(true);
    expect(await dialog.getByRole('button', { name: /^Choose a \.condensa file/ }).count()).toBe(0);
    await h.screenshot('open-project-browser-light');
  });

  it('in the desktop app (app.info with native dialogs) has no path field: a button opens the system dialog again', async () => {
    h = await startHarness();
    const { page } = h;
    const chooserCalls: string[] = [];
    await actAsDesktop(page, chooserCalls);
    await page.getByRole('button', { name: 'Open project…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Open project' });
    await dialog.waitFor();
    // Opening the dialog asks the system dialog once (cancelled here).
    await expect.poll(() => chooserCalls.length).toBe(1);
    expect(await dialog.getByRole('textbox').count()).toBe(0);
    expect(await dialog.getByText('Or the path of a .condensa file').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Choose a .condensa file…' }).click();
    await expect.poll(() => chooserCalls.length).toBe(2);
    await h.screenshot('open-project-desktop-light');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
