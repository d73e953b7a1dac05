import type { AppErrorShape } from '../../../electron/contract';
import { errorText } from './transfer-call';

/** A section's own error, announced to screen readers, with a way to dismiss it. */
export function SectionError({ error, onDismiss }: { error: AppErrorShape | null; onDismiss(): void }) {
  if (!error) return null;
  return (
    <div className="banner banner-error transfer-error" role="alert">
      <span>{errorText(error)}</span>
      <button type="button" className="link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
