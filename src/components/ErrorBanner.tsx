import { useVault } from '../state/vault-store';

export function ErrorBanner() {
  const { error, dismissError } = useVault();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      <span>
        <strong>{titleFor(error.code)}</strong> {error.message}
      </span>
      <button type="button" className="link" onClick={dismissError} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}

function titleFor(code: string): string {
  switch (code) {
    case 'keychain_unavailable':
      return 'Keychain unavailable.';
    case 'invalid_input':
      return 'Please check the form.';
    case 'conflict':
      return 'Not possible right now.';
    case 'rule_violation':
      return 'Not allowed by the provider’s rules.';
    case 'not_found':
      return 'Not found.';
    default:
      return 'Error.';
  }
}
