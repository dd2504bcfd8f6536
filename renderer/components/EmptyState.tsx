import type { ReactNode } from 'react';
import { commandById, type CommandId } from '../../shared/commands';
import { actions, runAction } from '../commands/registry';

/**
 * What an empty tab or pane says, with the commands that fill it as buttons beside the words: the
 * commands named are those of the registry (the same labels as the menus), so they exist on the screen.
 */
export function EmptyState({ children, commands }: { children: ReactNode; commands: readonly CommandId[] }) {
  const available = new Map(actions().map((a) => [a.id, a.enabled()]));
  return (
    <div className="pad empty-state" role="note">
      <p className="muted">{children}</p>
      <div className="empty-actions">
        {commands.map((id) => (
          <button key={id} type="button" data-command={id} disabled={!available.get(id)} onClick={() => runAction(id)}>
            {commandById(id)?.label}
          </button>
        ))}
      </div>
    </div>
  );
}
