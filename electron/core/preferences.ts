import fs from 'node:fs';
import path from 'node:path';
import type { RecentProject } from '../../shared/api/entities';

const RECENT_KEPT = 12;

interface PreferencesFile {
  readonly recent: readonly { path: string; title: string; openedAt: string }[];
}

/** App-wide preferences (not per project), kept as a small JSON file written atomically. */
export class Preferences {
  private readonly file: string;

  constructor(folder: string) {
    this.file = path.join(folder, 'preferences.json');
  }

  private read(): PreferencesFile {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<PreferencesFile>;
      return { recent: Array.isArray(data.recent) ? data.recent : [] };
    } catch {
      return { recent: [] };
    }
  }

  private write(data: PreferencesFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data, null, 2));
    fs.renameSync(temp, this.file);
  }

  recent(): RecentProject[] {
    return this.read().recent.map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
  }

  addRecent(projectPath: string, title: string): void {
    const others = this.read().recent.filter((r) => r.path !== projectPath);
    this.write({ recent: [{ path: projectPath, title, openedAt: new Date().toISOString() }, ...others].slice(0, RECENT_KEPT) });
  }
}
