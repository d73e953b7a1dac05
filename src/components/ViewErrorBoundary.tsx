import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Leaves the broken view (the inventory always loads with the app itself). */
  onLeave(): void;
}

/**
 * Keeps a view that fails to render, or whose code cannot be loaded, from blanking the whole window: the nav
 * stays, and this says what happened and how to get back. Keyed by the view, so opening another one resets it.
 */
export class ViewErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error('unknown error') };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="empty" role="alert" aria-labelledby="view-failed-title">
        <h2 id="view-failed-title">This view could not be shown</h2>
        <p>{error.message}</p>
        <p className="muted">
          Your tokens are not affected. Open another view; if this one keeps failing, restart Keyward.
        </p>
        <button type="button" className="primary" onClick={() => this.props.onLeave()}>
          Go to the inventory
        </button>
      </section>
    );
  }
}
