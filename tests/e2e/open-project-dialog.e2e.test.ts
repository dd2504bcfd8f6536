import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness';

// The desktop app opens only files the user picked in the system dialog (a typed path is refused by
// its file grants), so its Open project and Merge dialogs offer that dialog; a browser tab keeps the path field.

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

  it('Merge a returned coder copy, in the desktop app, offers the system dialog but no path field; a browser tab keeps it', async () => {
    h = await startHarness();
    const { page } = h;
    const openSampleAndMerge = async () => {
      await page.getByRole('button', { name: 'Open the sample project' }).click();
      await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
      await page.getByText('Coder: Amira Haddad').waitFor();
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Command' }).fill('merge a returned');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Merge a returned coder copy' });
      await dialog.waitFor();
      return dialog;
    };
    const inBrowser = await openSampleAndMerge();
    expect(await inBrowser.getByRole('textbox', { name: 'Or the path of the returned file' }).count()).toBe(1);
    await inBrowser.getByRole('button', { name: 'Cancel' }).click();
    await inBrowser.waitFor({ state: 'detached' });

    await actAsDesktop(page, []);
    await page.getByRole('button', { name: 'Peer mentoring in the first year of medical school' }).waitFor();
    const sample = page.getByRole('button', { name: 'Peer mentoring in the first year of medical school' });
    await sample.click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('merge a returned');
    await page.keyboard.press('Enter');
    const inDesktop = page.getByRole('dialog', { name: 'Merge a returned coder copy' });
    await inDesktop.waitFor();
    expect(await inDesktop.getByRole('button', { name: 'Choose the file…' }).count()).toBe(1);
    expect(await inDesktop.getByRole('textbox').count()).toBe(0);
    expect(await inDesktop.getByText('Or the path of the returned file').count()).toBe(0);
    await h.screenshot('merge-desktop-light');
    await inDesktop.getByRole('button', { name: 'Cancel' }).click();
    await inDesktop.waitFor({ state: 'detached' });
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
