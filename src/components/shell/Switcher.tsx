import * as Dialog from '@radix-ui/react-dialog';
import { Command } from 'cmdk';
import { useEffect, useMemo, useState } from 'react';
import type { InventoryRow } from '../../../electron/contract';
import { call } from '../../lib/api';
import { useQuery } from '../../lib/query';
import { useVault, type View } from '../../state/vault-store';

/** Most clients, stores and tokens listed per kind: the switcher narrows, it does not browse. */
const PER_KIND = 8;
const TOKENS = 12;
/** Keystrokes this close together ask main once for tokens. */
const DEBOUNCE_MS = 120;

const VIEWS: { label: string; view: View }[] = [
  { label: 'Dashboard', view: { kind: 'home' } },
  { label: 'Inventory', view: { kind: 'inventory' } },
  { label: 'Findings', view: { kind: 'findings' } },
  { label: 'Expiry', view: { kind: 'expiry' } },
  { label: 'Quick check', view: { kind: 'quick-check' } },
  { label: 'Audit log', view: { kind: 'audit' } },
  { label: 'Import & backup', view: { kind: 'transfer' } },
  { label: 'Settings', view: { kind: 'settings' } },
  { label: 'Add a store', view: { kind: 'add-store' } },
];

const matches = (terms: string[], text: string) => {
  const hay = text.toLowerCase();
  return terms.every((t) => hay.includes(t));
};

/**
 * Ctrl/Cmd+K: type part of a name and jump to a view, client, store or token. Clients and stores come from the
 * navigation the window already holds; tokens from main's inventory search (names and masks only, never a secret).
 */
export function Switcher({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const nav = useQuery('getNavigation', {}).data;
  const show = useVault((s) => s.show);
  const openToken = useVault((s) => s.openToken);
  const [text, setText] = useState('');
  const [tokens, setTokens] = useState<InventoryRow[]>([]);
  const terms = useMemo(() => text.toLowerCase().split(/\s+/).filter(Boolean), [text]);

  useEffect(() => {
    if (terms.length === 0) {
      setTokens([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void call('queryInventory', {
        filters: {
          query: text.trim().slice(0, 200),
          provider: '',
          status: '',
          mode: '',
          client: '',
          severity: '',
          ids: null,
        },
        sort: 'name',
        offset: 0,
        limit: TOKENS,
      }).then((res) => {
        if (live) setTokens(res.ok ? res.value.rows : []);
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [terms, text]);

  const clientNames = useMemo(() => new Map(nav?.clients.map((c) => [c.id, c.name])), [nav]);
  const views = VIEWS.filter((v) => matches(terms, v.label));
  const clients = terms.length ? (nav?.clients ?? []).filter((c) => matches(terms, c.name)).slice(0, PER_KIND) : [];
  const stores = terms.length
    ? (nav?.stores ?? [])
        .filter((s) => matches(terms, `${s.label} ${s.providerName} ${clientNames.get(s.clientId ?? '') ?? ''}`))
        .slice(0, PER_KIND)
    : [];
  const go = (then: () => void) => {
    onOpenChange(false);
    then();
  };

  return (
    // Not Radix's modal mode: its scroll lock injects a <style> element, which the window's CSP refuses (and the page
    // never scrolls anyway). The dialog still says it is modal, and Tab stays in its one field (options take arrows).
    <Dialog.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <Dialog.Portal>
        <div className="switcher-overlay" aria-hidden="true" />
        <Dialog.Content
          className="switcher"
          aria-modal="true"
          aria-describedby={undefined}
          // The view opened takes the focus (its heading), not what had it before the switcher.
          onCloseAutoFocus={(e) => e.preventDefault()}
          // Esc closes the switcher only: the app's own Esc (leave a token) must not see it.
          onEscapeKeyDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => {
            if (e.key === 'Tab') e.preventDefault();
          }}
        >
          <Dialog.Title className="sr-only">Go to a view, client, store or token</Dialog.Title>
          <Command label="Go to a view, client, store or token" shouldFilter={false} vimBindings={false} loop>
            <Command.Input
              className="switcher-input"
              value={text}
              onValueChange={setText}
              placeholder="Go to a view, client, store or token…"
              aria-label="Go to"
            />
            <Command.List className="switcher-list" label="Matches">
              <Command.Empty className="switcher-empty">Nothing matches “{text}”.</Command.Empty>
              {views.length > 0 && (
                <Command.Group heading="Views">
                  {views.map((v) => (
                    <Command.Item key={v.label} value={`view ${v.label}`} onSelect={() => go(() => show(v.view))}>
                      {v.label}
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              {clients.length > 0 && (
                <Command.Group heading="Clients">
                  {clients.map((c) => (
                    <Command.Item
                      key={c.id}
                      value={`client ${c.id}`}
                      onSelect={() => go(() => show({ kind: 'client', clientId: c.id }))}
                    >
                      {c.name}
                      <span className="switcher-meta">Client</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              {stores.length > 0 && (
                <Command.Group heading="Stores">
                  {stores.map((s) => (
                    <Command.Item
                      key={s.id}
                      value={`store ${s.id}`}
                      onSelect={() => go(() => show({ kind: 'store', storeId: s.id }))}
                    >
                      {s.label}
                      <span className="switcher-meta">
                        {s.providerName}
                        {s.clientId ? ` · ${clientNames.get(s.clientId) ?? ''}` : ''}
                      </span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              {tokens.length > 0 && (
                <Command.Group heading="Tokens">
                  {tokens.map((t) => (
                    <Command.Item key={t.id} value={`token ${t.id}`} onSelect={() => go(() => openToken(t.id))}>
                      {t.name}
                      <span className="switcher-meta">
                        {t.providerName}
                        {t.storeLabel ? ` · ${t.storeLabel}` : ''}
                      </span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
