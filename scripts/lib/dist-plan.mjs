// The steps of `npm run dist`, kept apart from running them so that a test can check the one
// promise that matters: the Node build of better-sqlite3 is restored whatever fails.

const HOST_TARGET = { darwin: '--mac', win32: '--win', linux: '--linux' };
const PLATFORM_FLAGS = new Set(['--mac', '-m', '--macos', '-o', '--win', '-w', '--windows', '--linux', '-l']);

/** Steps as { title, command, args }: the work in order, then the restore step. */
export function distPlan({ platform, electronVersion, extraArgs = [], node, bin, npm }) {
  const targets = extraArgs.some((a) => PLATFORM_FLAGS.has(a)) ? [] : [HOST_TARGET[platform]].filter(Boolean);
  return {
    work: [
      { title: 'Build the app into out/', command: node, args: ['scripts/build.mjs'] },
      { title: `Rebuild better-sqlite3 for Electron ${electronVersion}`, command: bin('electron-rebuild'), args: ['--force', '--only', 'better-sqlite3', '--version', electronVersion] },
      { title: 'Package the installers into release/', command: bin('electron-builder'), args: ['--config', 'electron-builder.config.cjs', '--publish', 'never', ...targets, ...extraArgs] },
    ],
    restore: { title: 'Restore better-sqlite3 for Node (the tests need it)', command: npm, args: ['rebuild', 'better-sqlite3'] },
  };
}

/** Runs the work until a step throws, then always the restore step; reports what happened. */
export function runDist(plan, run) {
  const ran = [];
  let failure = null;
  let restored = false;
  try {
    for (const step of plan.work) {
      ran.push(step.title);
      run(step);
    }
  } catch (e) {
    failure = e;
  } finally {
    ran.push(plan.restore.title);
    try {
      run(plan.restore);
      restored = true;
    } catch (e) {
      failure ??= e;
    }
  }
  return { ok: failure === null, failure, restored, ran };
}
