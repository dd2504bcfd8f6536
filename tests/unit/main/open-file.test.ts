import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenRequests, projectPathFromArgv } from '../../../electron/main/open-file';

describe('projectPathFromArgv', () => {
  const cwd = '/home/ada/studies';

  it('finds the project a double-click passes on Linux', () => {
    expect(projectPathFromArgv(['/opt/Condensa/condensa', '/home/ada/Handover.condensa'], cwd)).toBe('/home/ada/Handover.condensa');
  });

  it('resolves a relative path against the directory the second launch was typed in', () => {
    expect(projectPathFromArgv(['condensa', 'pilot/Study.condensa'], cwd)).toBe('/home/ada/studies/pilot/Study.condensa');
  });

  it('accepts a file:// URL from a desktop entry, decoding escapes', () => {
    expect(projectPathFromArgv(['condensa', 'file:///home/ada/My%20Study.condensa'], cwd)).toBe('/home/ada/My Study.condensa');
  });

  it('ignores the executable, switches Chromium adds, and other files', () => {
    const argv = ['/tmp/x.condensa', '--allow-file-access-from-files', '--flag=a.condensa', 'notes.txt'];
    expect(projectPathFromArgv(argv, cwd)).toBeNull();
  });

  it('matches the extension in any case and takes the last project named', () => {
    expect(projectPathFromArgv(['condensa', 'a.condensa', 'B.CONDENSA'], cwd)).toBe('/home/ada/studies/B.CONDENSA');
  });

  it('keeps a Windows path whole when resolved with Windows rules', () => {
    const argv = ['C:\\Program Files\\Condensa\\Condensa.exe', '--original-process-start-time=1', 'C:\\Users\\Ada\\Documents\\Pilot study.condensa'];
    expect(projectPathFromArgv(argv, 'C:\\Windows\\System32', path.win32)).toBe('C:\\Users\\Ada\\Documents\\Pilot study.condensa');
  });

  it('returns null for a malformed file URL instead of throwing', () => {
    expect(projectPathFromArgv(['condensa', 'file://server/share/a.condensa'], cwd)).toBeNull();
  });
});

describe('createOpenRequests', () => {
  it('holds a request made before the page loads and delivers it once ready', () => {
    const delivered: string[] = [];
    const requests = createOpenRequests((p) => delivered.push(p));
    requests.request('/a.condensa');
    expect(delivered).toEqual([]);
    expect(requests.pending).toBe('/a.condensa');
    requests.pageReady();
    expect(delivered).toEqual(['/a.condensa']);
    expect(requests.pending).toBeNull();
  });

  it('keeps only the newest of several early requests (one project is open at a time)', () => {
    const delivered: string[] = [];
    const requests = createOpenRequests((p) => delivered.push(p));
    requests.request('/a.condensa');
    requests.request('/b.condensa');
    requests.pageReady();
    expect(delivered).toEqual(['/b.condensa']);
  });

  it('delivers at once while the page is up and holds again while it reloads', () => {
    const delivered: string[] = [];
    const requests = createOpenRequests((p) => delivered.push(p));
    requests.pageReady();
    requests.request('/a.condensa');
    requests.pageGone();
    requests.request('/b.condensa');
    expect(delivered).toEqual(['/a.condensa']);
    requests.pageReady();
    expect(delivered).toEqual(['/a.condensa', '/b.condensa']);
  });

  it('delivers nothing on ready when nothing was asked', () => {
    const delivered: string[] = [];
    createOpenRequests((p) => delivered.push(p)).pageReady();
    expect(delivered).toEqual([]);
  });
});
