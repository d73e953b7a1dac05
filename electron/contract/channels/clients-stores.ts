// Clients and store profiles.
import { z } from 'zod';
import { Client, Environment, StoreProfile } from '../model';
import { FieldValues, Id, Label, Notes } from '../primitives';
import { READ_TOPICS } from '../topics';
import { ClientView, StoreView } from '../views';
import { ById, type ChannelSpec, CreateStoreInput, Deleted } from './shared';

export const clientsStoresChannels = {
  /** One client and its stores with token counts. */
  getClient: {
    access: 'read',
    topics: READ_TOPICS.getClient,
    input: ById,
    output: ClientView,
  },
  /** One store, its client and its tokens. */
  getStore: { access: 'read', topics: READ_TOPICS.getStore, input: ById, output: StoreView },
  createClient: { access: 'write', input: z.object({ name: Label, notes: Notes.optional() }).strict(), output: Client },
  updateClient: {
    access: 'write',
    input: z.object({ id: Id, name: Label.optional(), notes: Notes.optional() }).strict(),
    output: Client,
  },
  deleteClient: { access: 'write', input: ById, output: Deleted },

  createStore: { access: 'write', input: CreateStoreInput, output: StoreProfile },
  updateStore: {
    access: 'write',
    input: z
      .object({
        id: Id,
        label: Label.optional(),
        clientId: Id.nullable().optional(),
        identifiers: FieldValues.optional(),
        environment: Environment.optional(),
        notes: Notes.optional(),
      })
      .strict(),
    output: StoreProfile,
  },
  /** Deletes the store, its tokens and their keychain entries. */
  deleteStore: { access: 'write', input: ById, output: Deleted },
} as const satisfies Record<string, ChannelSpec>;
