import type { Dashboard } from '../../../electron/contract';
import { localDay } from '../../lib/format';
import { relativeDays } from '../../lib/inventory';
import { useVault } from '../../state/vault-store';

type Groups = Dashboard['upcoming'];

const REASONS = { expired: 'expired', failing: 'failed its last check', expiring: 'expires' } as const;

/**
 * Overdue or upcoming tokens grouped by client, the largest groups first: each token opens its page, each
 * client its view. Main sends a few per group and the counts.
 */
export function TriagePanel({
  id,
  title,
  empty,
  groups,
}: {
  id: string;
  title: string;
  empty: string;
  groups: Groups;
}) {
  const openToken = useVault((s) => s.openToken);
  const show = useVault((s) => s.show);
  const shownGroups = groups.groups.length;
  const countedGroups = groups.groups.reduce((n, g) => n + g.count, 0);
  return (
    <section className="panel triage" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {title} <span className="count-badge">{groups.count}</span>
      </h3>
      {groups.count === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain triage-groups">
          {groups.groups.map((g) => (
            <li key={g.clientId ?? 'none'}>
              <h4 className="triage-client">
                {g.clientId ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => show({ kind: 'client', clientId: g.clientId! })}
                  >
                    {g.clientName}
                  </button>
                ) : (
                  <span className="muted">No client</span>
                )}{' '}
                <span className="muted">({g.count})</span>
              </h4>
              <ul className="plain">
                {g.items.map((item) => (
                  <li key={item.id}>
                    <button type="button" className="link" onClick={() => openToken(item.id)}>
                      {item.name}
                    </button>{' '}
                    <span className="muted">
                      {item.providerName} · {REASONS[item.reason]}
                      {item.expiresAt && item.reason !== 'failing' && (
                        <>
                          {' '}
                          <time dateTime={item.expiresAt} title={new Date(item.expiresAt).toLocaleString()}>
                            {localDay(item.expiresAt)}
                          </time>{' '}
                          ({relativeDays(item.expiresAt)})
                        </>
                      )}
                    </span>
                  </li>
                ))}
                {g.count > g.items.length && <li className="muted">and {g.count - g.items.length} more</li>}
              </ul>
            </li>
          ))}
          {groups.count > countedGroups && (
            <li className="muted">
              and {groups.count - countedGroups} more in {shownGroups === 1 ? 'other clients' : 'smaller groups'}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
