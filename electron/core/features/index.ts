import type { Session } from '../session/session';
import { checksFeature } from './checks/checks';
import { clientsFeature } from './clients/clients';
import { providersFeature } from './providers/providers';
import { rotationFeature } from './rotation/rotation';
import { secretsFeature } from './secrets/recovery';
import { settingsFeature } from './settings/settings';
import { storesFeature } from './stores/stores';
import { tokensFeature } from './tokens/tokens';
import { transferFeature } from './transfer/transfer';

/** Every feature's commands over one session: what the handlers, the CLI and the tests call. */
export function openFeatures(session: Session) {
  return {
    clients: clientsFeature(session),
    stores: storesFeature(session),
    tokens: tokensFeature(session),
    rotation: rotationFeature(session),
    checks: checksFeature(session),
    settings: settingsFeature(session),
    providers: providersFeature(session),
    transfer: transferFeature(session),
    secrets: secretsFeature(session),
  };
}
export type Features = ReturnType<typeof openFeatures>;
