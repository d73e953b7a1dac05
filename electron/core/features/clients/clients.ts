import { randomUUID } from 'node:crypto';
import type { Client, ParsedInput } from '../../../contract';
import { AppError } from '../../errors';
import { assertUniqueName, find, lookup } from '../../session/lookup';
import type { Applied, Session } from '../../session/session';
import type { Draft } from '../../vault/plain-data';
import type { HandlersFor } from '../handler-map';

/** Adds a client to a draft (also used by addToken and import, which create clients by name). */
export function applyCreateClient(data: Draft, now: string, input: ParsedInput<'createClient'>): Applied<Client> {
  assertUniqueName(
    data.clients.map((c) => c.name),
    input.name,
    'client',
  );
  const client: Client = {
    id: randomUUID(),
    name: input.name,
    notes: input.notes ?? '',
    createdAt: now,
    updatedAt: now,
  };
  data.clients.push(client);
  return {
    result: client,
    change: {
      action: 'client.create',
      subject: { type: 'client', id: client.id },
      summary: `Added client ${client.name}`,
    },
  };
}

export type ClientsFeature = ReturnType<typeof clientsFeature>;

export function clientsFeature(session: Session) {
  return {
    create: (input: ParsedInput<'createClient'>): Promise<Client> =>
      session.transaction((data, { now }) => applyCreateClient(data, now, input)),

    update: (input: ParsedInput<'updateClient'>): Promise<Client> =>
      session.transaction((data, { now }) => {
        const client = find(data.clients, input.id, 'client');
        if (input.name !== undefined && input.name !== client.name) {
          assertUniqueName(
            data.clients.map((c) => c.name),
            input.name,
            'client',
          );
          client.name = input.name;
        }
        if (input.notes !== undefined) client.notes = input.notes;
        client.updatedAt = now;
        return {
          result: client,
          change: {
            action: 'client.update',
            subject: { type: 'client', id: client.id },
            summary: `Edited client ${client.name}`,
          },
        };
      }),

    delete: (input: { id: string }): Promise<{ id: string; deleted: true }> =>
      session.transaction((data) => {
        const client = lookup(data.clients, input.id, 'client');
        const stores = data.stores.filter((s) => s.clientId === client.id).length;
        if (stores > 0) {
          throw new AppError(
            'conflict',
            `Client ${client.name} still has ${stores} store${stores === 1 ? '' : 's'}; move or delete them first.`,
          );
        }
        data.clients = data.clients.filter((c) => c.id !== client.id);
        return {
          result: { id: client.id, deleted: true as const },
          change: {
            action: 'client.delete',
            subject: { type: 'client', id: client.id },
            summary: `Deleted client ${client.name}`,
          },
        };
      }),
  };
}

export function clientHandlers(clients: ClientsFeature): HandlersFor<'createClient' | 'updateClient' | 'deleteClient'> {
  return { createClient: clients.create, updateClient: clients.update, deleteClient: clients.delete };
}
