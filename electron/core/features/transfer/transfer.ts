import type { StoreProfile, Token } from '../../../contract';
import { AppError } from '../../errors';
import { freshAccount, ownedBy, accountOf } from '../../secrets/accounts';
import { vaultIdOf } from '../../session/lookup';
import type { Session } from '../../session/session';
import type { BackupPayload } from './backup';
import type { ImportPlan, ImportResult, ImportRowInput, PlannedRow } from './import-plan';
import { mergePlan, replacePlan, type RestoreResult } from './restore-plan';
import { thawed, type Frozen } from '../../vault/plain-data';
import { CURRENT_SCHEMA_VERSION, type VaultData } from '../../vault/vault-data';
import { applyCreateClient } from '../clients/clients';
import { applyCreateStore } from '../stores/stores';
import { applyCreateToken, nearView } from '../tokens/create-token';
import { sha256Hex } from '../../secrets/fingerprint';

const storeKey = (provider: string, label: string, clientId: string | null): string =>
  `${provider}\u0000${label}\u0000${clientId ?? ''}`;

export type TransferFeature = ReturnType<typeof transferFeature>;

export function transferFeature(session: Session) {
  return {
    /**
     * Applies an import plan's valid rows in ONE change: a refused row, a keychain failure or a failed write
     * leaves the vault as it was and takes back every secret this call stored.
     */
    async importRows(plan: ImportPlan, options: { allOrNothing: boolean }): Promise<ImportResult> {
      const rows = plan.rows.filter(
        (r): r is PlannedRow & { input: ImportRowInput } => r.reasons.length === 0 && r.input !== null,
      );
      const invalid = plan.rows.length - rows.length;
      if (options.allOrNothing && invalid > 0)
        throw new AppError(
          'invalid_input',
          `${invalid} of ${plan.rows.length} rows are invalid and "all or nothing" was chosen: nothing was imported.`,
        );
      if (rows.length === 0)
        throw new AppError('invalid_input', 'No row of the file can be imported; see the reasons in the preview.');
      return session.keychain.run((tx) =>
        session.transaction(async (data, context) => {
          const clash = rows.find((r) => data.tokens.some((t) => t.id === r.tokenId));
          if (clash)
            throw new AppError(
              'conflict',
              'This import was already applied; preview the file again to import it anew.',
            );
          // Every account noted in one write before the first secret goes in.
          const vaultId = vaultIdOf(data);
          const accounts = new Map(
            rows
              .filter((r) => r.input.token.secret !== undefined)
              .map((r) => [r.tokenId, freshAccount(vaultId, r.tokenId)]),
          );
          await tx.note([...accounts.values()]);
          const { catalog, now } = context;
          const counts = { clients: 0, stores: 0 };
          // Indexes so each row costs the same however large the vault: rules see only the stores and tokens they can look at.
          const storeByKey = new Map(data.stores.map((s) => [storeKey(s.provider, s.label, s.clientId), s]));
          const tokensByStore = new Map<string, Frozen<Token>[]>();
          for (const t of data.tokens) tokensByStore.set(t.storeId, [...(tokensByStore.get(t.storeId) ?? []), t]);
          for (const { row, input, tokenId } of rows) {
            try {
              const wanted = input.client?.toLocaleLowerCase();
              let clientId =
                wanted === undefined
                  ? null
                  : (data.clients.find((c) => c.name.toLocaleLowerCase() === wanted)?.id ?? null);
              if (input.client && !clientId) {
                clientId = applyCreateClient(data, now, { name: input.client }).result.id;
                counts.clients++;
              }
              let store: Frozen<StoreProfile> | undefined = storeByKey.get(
                storeKey(input.store.provider, input.store.label, clientId),
              );
              if (!store) {
                store = applyCreateStore(data, catalog, now, { ...input.store, clientId }).result;
                storeByKey.set(storeKey(store.provider, store.label, store.clientId), store);
                counts.stores++;
              }
              const module = catalog.get(store.provider);
              const kind = input.token.kind ?? module.descriptor.credentials[0]!.kind;
              const near = nearView(data, store, kind, catalog, (id) => tokensByStore.get(id) ?? []);
              const made = await applyCreateToken(
                data,
                context,
                { id: tokenId, storeId: store.id, input: input.token },
                tx,
                { near, account: accounts.get(tokenId) },
              );
              tokensByStore.set(store.id, [...(tokensByStore.get(store.id) ?? []), made.result]);
            } catch (err) {
              if (err instanceof AppError)
                throw new AppError(
                  err.code,
                  `Row ${row}: ${err.message} Nothing was imported; preview the file again.`,
                  err.fields,
                );
              throw err;
            }
          }
          const result: ImportResult = {
            imported: rows.length,
            skippedInvalid: invalid,
            clientsCreated: counts.clients,
            storesCreated: counts.stores,
            tokenIds: rows.map((r) => r.tokenId),
          };
          return {
            result,
            change: {
              action: 'vault.import',
              subject: { type: 'vault', id: 'import' },
              summary: `Imported ${rows.length} token${rows.length === 1 ? '' : 's'}, ${counts.stores} new store${counts.stores === 1 ? '' : 's'}, ${counts.clients} new client${counts.clients === 1 ? '' : 's'}; ${invalid} invalid row${invalid === 1 ? '' : 's'} skipped`,
            },
          };
        }),
      );
    },

    /**
     * Restores a decrypted backup in ONE change. `merge` keeps everything here and adds what is new (a token
     * with the same id or the same secret is skipped and reported); `replace` makes the vault the backup's.
     * Secrets are written before the vault; on any failure they are put back as they were.
     */
    async restoreBackup(payload: BackupPayload, mode: 'merge' | 'replace'): Promise<RestoreResult> {
      if (payload.vault.schemaVersion !== CURRENT_SCHEMA_VERSION)
        throw new AppError(
          'invalid_input',
          `The backup holds vault schema ${payload.vault.schemaVersion}; this Keyward uses schema ${CURRENT_SCHEMA_VERSION}.`,
        );
      const secretOf = new Map(payload.secrets.map((s) => [s.tokenId, s.value]));
      let settled = { deleted: 0, failed: 0 };
      const result = await session.keychain.run(
        (tx) =>
          session.transaction(async (data) => {
            const plan =
              mode === 'replace'
                ? replacePlan(thawed<VaultData>(data), payload)
                : mergePlan(thawed<VaultData>(data), payload);
            const vaultId = vaultIdOf(data);
            // Each restored value goes under a new account of this vault; what replace drops retires after the commit.
            const writes = plan.tokensToWrite.flatMap((t) =>
              t.secret && secretOf.has(t.id) ? [{ token: t, account: freshAccount(vaultId, t.id) }] : [],
            );
            await tx.note(writes.map((w) => w.account));
            if (mode === 'replace') await tx.retire(data.tokens.filter((t) => t.secret).map(accountOf));
            for (const { token, account } of writes) {
              const value = secretOf.get(token.id)!;
              const facts = restoredSecret(token, value);
              await tx.write(vaultId, token.id, value, account);
              token.secret = { ...facts, account };
            }
            // A value the backup lacks stays missing: never point at another vault's entry.
            for (const t of plan.tokensToWrite) {
              if (t.secret?.account && !ownedBy(vaultId, t.secret.account) && !secretOf.has(t.id))
                t.secret = { ...t.secret, account: freshAccount(vaultId, t.id) };
            }
            data.clients = plan.vault.clients;
            data.stores = plan.vault.stores;
            data.tokens = plan.vault.tokens;
            data.customProviders = plan.vault.customProviders;
            data.settings = plan.vault.settings;
            const restored = writes.length;
            const result: RestoreResult = {
              mode,
              clientsAdded: plan.clientsAdded,
              storesAdded: plan.storesAdded,
              tokensAdded: plan.tokensToWrite.length,
              secretsRestored: restored,
              secretsMissing: plan.tokensToWrite.filter((t) => t.secret && !secretOf.has(t.id)).length,
              skipped: plan.skipped,
              removedSecrets: 0,
              removeFailures: 0,
            };
            return {
              result,
              change: {
                action: `vault.restore.${mode}`,
                subject: { type: 'vault', id: 'restore' },
                summary: `Restored a backup (${mode}): ${result.tokensAdded} tokens, ${restored} secrets, ${plan.skipped.length} skipped`,
              },
            };
          }),
        (counts) => (settled = counts),
      );
      return { ...result, removedSecrets: settled.deleted, removeFailures: settled.failed };
    },
  };
}

/** A restored token's secret facts as the backup saved them, once its value is shown to be the one they name. */
function restoredSecret(token: Token, value: string): NonNullable<Token['secret']> {
  if (!token.secret || sha256Hex(value) !== token.secret.fingerprint)
    throw new AppError(
      'invalid_input',
      `The backup's secret for token ${token.name} is not the one its record names (fingerprints differ); nothing was restored.`,
    );
  return token.secret;
}
