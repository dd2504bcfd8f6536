import * as RadixDialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import { ErrorBanner, useDialogOpen } from './ErrorBanner';

/**
 * A modal dialog (Radix): focus moves in and stays in while it is open, returns to where it was
 * when it closes, and Escape closes it wherever focus is (even after its content was replaced).
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  useDialogOpen();
  const returnFocus = useFocusReturn();
  return (
    <RadixDialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="overlay">
          <RadixDialog.Content className="dialog" aria-describedby={undefined} onCloseAutoFocus={returnFocus}>
            <RadixDialog.Title>{title}</RadixDialog.Title>
            <ErrorBanner inDialog />
            {children}
          </RadixDialog.Content>
        </RadixDialog.Overlay>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/**
 * Gives the focus back to where it was when a dialog opened. Radix returns it only to a
 * Dialog.Trigger, and ours open from menus, keys and the palette. Call in a component mounted
 * with the dialog. What the dialog did may have put the focus elsewhere (another dialog, a
 * field): it stays there; only a focus lost with the dialog goes back.
 */
export function useFocusReturn(): (e: Event) => void {
  const [from] = useState(() => document.activeElement as HTMLElement | null);
  return (e) => {
    e.preventDefault();
    const now = document.activeElement;
    if ((now === null || now === document.body) && from?.isConnected && from !== document.body) from.focus();
  };
}

/** A dialog's form: Enter or the primary button submits; Cancel closes without acting. */
export function DialogForm({
  onSubmit,
  onCancel,
  submitLabel,
  disabled,
  children,
}: {
  readonly onSubmit: () => unknown;
  readonly onCancel: () => void;
  readonly submitLabel: ReactNode;
  readonly disabled?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={disabled}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** The single button that ends a dialog showing an outcome; children stand before it (a download link). */
export function DialogDone({ label, onDone, children }: { readonly label: string; readonly onDone: () => void; readonly children?: ReactNode }) {
  return (
    <div className="dialog-buttons">
      {children}
      <button type="button" className="primary" onClick={onDone}>
        {label}
      </button>
    </div>
  );
}

/** A refusal, as a sentence beside the field or form where the user acted. */
export function FieldError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}
