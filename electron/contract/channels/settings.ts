// Providers (built-in and custom), status-only mode and app preferences.
import { z } from 'zod';
import { CustomProviderDefinition, ProviderDescriptor } from '../providers';
import { READ_TOPICS } from '../topics';
import { type ChannelSpec, NoInput, UiSettings } from './shared';

export const settingsChannels = {
  listProviders: {
    access: 'read',
    topics: READ_TOPICS.listProviders,
    input: NoInput,
    output: z.array(ProviderDescriptor).max(200),
  },

  saveCustomProvider: {
    access: 'write',
    input: z.object({ definition: CustomProviderDefinition }).strict(),
    output: ProviderDescriptor,
  },
  /** Refused while a store still uses the provider. */
  deleteCustomProvider: {
    access: 'write',
    input: z.object({ id: z.string().regex(/^custom:[a-z0-9][a-z0-9-]{0,39}$/) }).strict(),
    output: z.object({ id: z.string(), deleted: z.literal(true) }),
  },

  /**
   * Checks the selected tokens against their providers (one read-only GET each, within published rate
   * limits). Answers when the run ends; `checkProgress` events stream meanwhile; `cancelCheck` stops it.
   */
  /** Status-only mode for support staff: hides and refuses copy, rotate, edit and delete. */
  getSupportMode: {
    access: 'read',
    topics: READ_TOPICS.getSupportMode,
    input: NoInput,
    output: z.object({ enabled: z.boolean() }),
  },
  /** Turning it on sets a passphrase (12+ characters); turning it off needs the same passphrase. */
  setSupportMode: {
    access: 'write',
    statusOnly: 'allowed',
    input: z
      .object({ enabled: z.boolean(), passphrase: z.string().min(12, 'at least 12 characters').max(1024) })
      .strict(),
    output: z.object({ enabled: z.boolean() }),
  },
  getUiSettings: { access: 'read', topics: READ_TOPICS.getUiSettings, input: NoInput, output: UiSettings },
  updateUiSettings: { access: 'write', input: UiSettings.partial().strict(), output: UiSettings },
  /** Shows the data folder in the OS file manager (the recovery notice offers it); false where there is none. */
  openDataFolder: { access: 'act', statusOnly: 'allowed', input: NoInput, output: z.object({ opened: z.boolean() }) },
} as const satisfies Record<string, ChannelSpec>;
