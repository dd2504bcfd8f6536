import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
  }, []);
  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
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
