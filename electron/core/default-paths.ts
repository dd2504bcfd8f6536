import os from 'node:os';
import path from 'node:path';

/** Where projects and preferences go when the platform does not say (browser mode, CLI). */
export function defaultFolders(env: NodeJS.ProcessEnv = process.env): { projectsFolder: string; userDataFolder: string } {
  const home = env.CONDENSA_HOME ?? path.join(os.homedir(), 'Condensa');
  return {
    projectsFolder: env.CONDENSA_PROJECTS ?? path.join(home, 'Projects'),
    userDataFolder: env.CONDENSA_USER_DATA ?? path.join(home, '.app'),
  };
}
