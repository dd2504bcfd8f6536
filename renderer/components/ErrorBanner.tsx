import { clearError, useAppStore } from '../state/app-store';

/** API errors surface here as a sentence, never as a blank screen. */
export function ErrorBanner() {
  const error = useAppStore((s) => s.error);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      <span>{error.message}</span>
      <button type="button" className="link" onClick={clearError} aria-label="Dismiss">
        Dismiss
      </button>
    </div>
  );
}
