import type { FilePurpose } from '../../shared/api/methods/app';

// What the core needs from the platform it runs on. Electron's main process, browser mode and
// the CLI each implement these; the core never reaches for a platform API itself.
export interface DialogPort {
  chooseProjectPath(purpose: 'open' | 'save', suggestedName?: string): Promise<string | null>;
  /** Files to read (an import): the paths chosen, none when cancelled. */
  chooseFiles(purpose: FilePurpose, multiple: boolean): Promise<string[]>;
}

export interface Ports {
  readonly platform: 'electron' | 'browser' | 'direct';
  readonly version: string;
  /** Where app preferences (recent projects) are kept. */
  readonly userDataFolder: string;
  /** Where new projects and the sample copy go unless the user chooses otherwise. */
  readonly projectsFolder: string;
  readonly dialogs: DialogPort | null;
}
