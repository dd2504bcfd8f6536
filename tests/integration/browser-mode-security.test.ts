import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserModeServer } from '../../electron/web/server';

function tryConnect(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function get(port: number, rawPath: string): Promise<{ status: number; body: string; csp?: string }> {
  return new Promise((resolve, reject) => {
    // A raw request so the path is sent exactly as written (no client-side normalisation).
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, csp: res.headers['content-security-policy'] as string | undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode security', () => {
  let server: BrowserModeServer;
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-web-'));
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Condensa</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'private notes');
    server = await startBrowserMode({ rendererDir: renderer, ports: { version: 'test', projectsFolder: path.join(dir, 'p'), userDataFolder: path.join(dir, 'u') } });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and puts a long random token in the address', () => {
    expect(server.url.startsWith('http://127.0.0.1:')).toBe(true);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('accepts the socket only with the token and the app origin', async () => {
    const base = `ws://127.0.0.1:${server.port}/api`;
    expect(await tryConnect(`${base}?token=${server.token}`, server.origin)).toBe('open');
    expect(await tryConnect(base, server.origin)).toBe(403);
    expect(await tryConnect(`${base}?token=wrong${server.token.slice(5)}`, server.origin)).toBe(403);
    expect(await tryConnect(`${base}?token=${server.token}`, 'http://evil.example')).toBe(403);
    expect(await tryConnect(`${base}?token=${server.token}`)).toBe(403);
    expect(await tryConnect(`ws://127.0.0.1:${server.port}/other?token=${server.token}`, server.origin)).toBe(403);
  });

  it('serves the renderer with a strict content security policy', async () => {
    const r = await get(server.port, '/');
    expect(r.status).toBe(200);
    expect(r.csp).toContain("script-src 'self'");
    expect(r.csp).toContain("object-src 'none'");
    expect(r.csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
  });

  it('serves no file outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/etc/passwd']) {
      const r = await get(server.port, p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('private notes');
    }
  });

  it('answers a malformed address or a CONNECT with a refusal, and goes on serving', async () => {
    for (const p of ['/%ff', '/%e2%82', '/index.html%ff', '/%']) expect((await get(server.port, p)).status, p).toBe(400);
    const connect = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'CONNECT', path: '127.0.0.1:22' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(connect).toBe(405);
    expect((await get(server.port, '/')).status).toBe(200);
  });

  it('answers a malformed message with a refusal, not a crash', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: server.origin });
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
    ws.send('{not json');
    expect(JSON.parse(await reply)).toMatchObject({ envelope: { ok: false, error: { code: 'BAD_REQUEST' } } });
    const second = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
    ws.send(JSON.stringify({ id: 7, method: 'project.open', params: { path: { evil: true } } }));
    expect(JSON.parse(await second)).toMatchObject({ id: 7, envelope: { ok: false, error: { code: 'BAD_REQUEST' } } });
    ws.close();
  });
});
