import type {
  Client,
  ClientView,
  Navigation,
  Result,
  StoreProfile,
  StoreView,
  TokenSummary,
} from '../../electron/contract';

type Call = (channel: string, input: unknown) => Promise<Result<unknown> | { ok: boolean; value?: unknown }>;

async function value<T>(call: Call, channel: string, input: unknown): Promise<T> {
  const reply = await call(channel, input);
  if (!reply.ok) throw new Error(`${channel} refused: ${JSON.stringify((reply as { error?: unknown }).error)}`);
  return reply.value as T;
}

/**
 * What the vault holds, read through the window's own read channels: every client and store in vault order
 * (getNavigation, then getClient and getStore for their whole records) and every store's tokens (no histories).
 */
export async function readVaultVia(call: Call): Promise<{
  clients: Client[];
  stores: StoreProfile[];
  tokens: TokenSummary[];
}> {
  const nav = await value<Navigation>(call, 'getNavigation', {});
  const clients = await Promise.all(
    nav.clients.map(async (c) => (await value<ClientView>(call, 'getClient', { id: c.id })).client),
  );
  const stores = await Promise.all(nav.stores.map((s) => value<StoreView>(call, 'getStore', { id: s.id })));
  return { clients, stores: stores.map((s) => s.store), tokens: stores.flatMap((s) => s.tokens) };
}
