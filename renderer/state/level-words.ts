import { levelWord, type NodeLevel } from '../../shared/domain/vocabulary';
import { useAppStore } from './app-store';

/** The open project's word for a level: "Component" in a meta-synthesis, "Category" in a content analysis. */
export function projectLevelWord(level: NodeLevel, count: 'one' | 'many' = 'one'): string {
  return levelWord(useAppStore.getState().project?.settings.methodology ?? 'content-analysis', level, count);
}
