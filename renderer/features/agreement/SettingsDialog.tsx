import { useEffect, useState } from 'react';
import type { ProjectSettings } from '../../../shared/api/entities';
import type { ComparisonStatus } from '../../../shared/api/methods/agreement';
import { Dialog, DialogForm } from '../../components/Dialog';
import { MethodField } from '../../components/MethodField';
import { attempt, refreshProject, useAppStore } from '../../state/app-store';

const close = () => useAppStore.setState({ dialog: null });

/** Project settings: title, method, blind coding and whether agreement statistics are computed. */
export function SettingsDialog() {
  const project = useAppStore((s) => s.project);
  const [draft, setDraft] = useState<ProjectSettings | null>(project?.settings ?? null);
  const [status, setStatus] = useState<ComparisonStatus | null>(null);
  useEffect(() => {
    void attempt('agreement.status', {}).then(setStatus);
  }, []);
  if (!project || !draft) return null;
  const set = (patch: Partial<ProjectSettings>) => setDraft({ ...draft, ...patch });
  const save = async () => {
    const r = await attempt('project.update', {
      title: draft.title.trim(),
      description: draft.description,
      methodology: draft.methodology,
      blind: draft.blind,
      agreementEnabled: draft.agreementEnabled,
      allowMultipleParents: draft.allowMultipleParents,
      allowUnitsAcrossTurns: draft.allowUnitsAcrossTurns,
    });
    if (r) {
      await refreshProject();
      close();
    }
  };
  return (
    <Dialog title="Project settings" onClose={close}>
      <DialogForm onSubmit={save} onCancel={close} submitLabel="Save settings" disabled={!draft.title.trim()}>
        <label>
          Title
          <input value={draft.title} onChange={(e) => set({ title: e.target.value })} required />
        </label>
        <label>
          Description
          <textarea rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </label>
        <MethodField value={draft.methodology} onChange={(methodology) => set({ methodology })} />
        <h3 className="section-title">Coding together</h3>
        <label className="inline">
          <input type="checkbox" checked={draft.blind} onChange={(e) => set({ blind: e.target.checked })} /> Blind coding
        </label>
        <p className="muted small setting-help">
          Each coder sees only their own codings until someone opens the comparison (Compare tab), which ends blind coding for everyone.
          {status?.revealedAt && ` The comparison was last opened on ${new Date(status.revealedAt).toLocaleString()} by ${status.revealedBy ?? 'someone'}.`}
        </p>
        <label className="inline">
          <input type="checkbox" checked={draft.agreementEnabled} onChange={(e) => set({ agreementEnabled: e.target.checked })} /> Agreement statistics
        </label>
        <p className="muted small setting-help">
          κ, α and percent agreement between coders.
          {draft.methodology === 'thematic-analysis'
            ? ' Reflexive thematic analysis (Braun & Clarke) rejects coding reliability: you may turn this off. Comparing coders and building a consensus still work.'
            : ' Turn off for approaches that reject coding reliability; comparing coders and building a consensus still work.'}
        </p>
        <h3 className="section-title">Codebook and units</h3>
        <label className="inline">
          <input type="checkbox" checked={draft.allowMultipleParents} onChange={(e) => set({ allowMultipleParents: e.target.checked })} /> A code may sit under
          several categories
        </label>
        <label className="inline">
          <input type="checkbox" checked={draft.allowUnitsAcrossTurns} onChange={(e) => set({ allowUnitsAcrossTurns: e.target.checked })} /> Meaning units may
          span speaker turns
        </label>
      </DialogForm>
    </Dialog>
  );
}
