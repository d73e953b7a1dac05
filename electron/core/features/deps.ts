import type { EventName, EventPayload } from '../../contract';

/** Sends a main -> renderer event (Electron: webContents.send; test host: server-sent events). */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
