import fs from 'node:fs';
import path from 'node:path';

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

const DEFAULT: WindowBounds = { width: 1360, height: 860, maximized: false };

export function loadWindowState(folder: string): WindowBounds {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(folder, 'window-state.json'), 'utf8')) as Partial<WindowBounds>;
    if (typeof s.width === 'number' && typeof s.height === 'number' && s.width >= 640 && s.height >= 400) {
      return { x: s.x, y: s.y, width: s.width, height: s.height, maximized: s.maximized === true };
    }
  } catch {
    // No remembered state yet, or unreadable: start with the default size.
  }
  return DEFAULT;
}

export function saveWindowState(folder: string, bounds: WindowBounds): void {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'window-state.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(bounds));
  fs.renameSync(`${file}.tmp`, file);
}
