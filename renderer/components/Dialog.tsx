import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { ErrorBanner, useDialogOpen } from './ErrorBanner';

/**
 * A modal dialog (Radix): focus moves in and stays in while it is open, returns to where it was
 * when it closes, and Escape closes it wherever focus is (even after its content was replaced).
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  useDialogOpen();
  return (
    <RadixDialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="overlay">
          <RadixDialog.Content className="dialog" aria-describedby={undefined}>
            <RadixDialog.Title>{title}</RadixDialog.Title>
            <ErrorBanner inDialog />
            {children}
          </RadixDialog.Content>
        </RadixDialog.Overlay>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
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
