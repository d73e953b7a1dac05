/** The inventory before main's first answer. */
export function InventoryLoading() {
  return (
    <section className="inventory" aria-labelledby="inventory-title" aria-busy="true">
      <header className="inventory-head">
        <h2 id="inventory-title">Inventory</h2>
      </header>
      <p className="muted" role="status">
        Loading tokens…
      </p>
    </section>
  );
}

/** The inventory when main could not answer and no rows are on screen. */
export function InventoryUnreadable({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <section className="inventory" aria-labelledby="inventory-title">
      <header className="inventory-head">
        <h2 id="inventory-title">Inventory</h2>
      </header>
      <div className="empty" role="alert">
        <h3>The inventory could not be read</h3>
        <p>{message}</p>
        <button type="button" className="primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </section>
  );
}
