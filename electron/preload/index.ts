import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Api, ChannelInput, ChannelName, EventName, EventPayload } from '../contract';

// Each method names its own channel: there is deliberately no generic invoke(channel) on window.api.
const call =
  <K extends ChannelName>(name: K) =>
  (input: ChannelInput<K>) =>
    ipcRenderer.invoke(`keyward:${name}`, input);

const api = {
  getAppInfo: call('getAppInfo'),
  queryInventory: call('queryInventory'),
  deactivateTokens: call('deactivateTokens'),
  listProviders: call('listProviders'),
  createClient: call('createClient'),
  updateClient: call('updateClient'),
  deleteClient: call('deleteClient'),
  createStore: call('createStore'),
  updateStore: call('updateStore'),
  deleteStore: call('deleteStore'),
  createToken: call('createToken'),
  addToken: call('addToken'),
  updateToken: call('updateToken'),
  setTokenSecret: call('setTokenSecret'),
  deleteToken: call('deleteToken'),
  recognizeSecret: call('recognizeSecret'),
  getFindings: call('getFindings'),
  getFindingCounts: call('getFindingCounts'),
  saveCustomProvider: call('saveCustomProvider'),
  deleteCustomProvider: call('deleteCustomProvider'),
  planCheck: call('planCheck'),
  getFindingGroups: call('getFindingGroups'),
  checkTokens: call('checkTokens'),
  cancelCheck: call('cancelCheck'),
  quickCheck: call('quickCheck'),
  expiryOverview: call('expiryOverview'),
  expiryAttentionCount: call('expiryAttentionCount'),
  snoozeExpiryWarning: call('snoozeExpiryWarning'),
  acknowledgeExpiryWarning: call('acknowledgeExpiryWarning'),
  wakeExpiryWarning: call('wakeExpiryWarning'),
  exportExpiryCalendar: call('exportExpiryCalendar'),
  saveExpiryCalendar: call('saveExpiryCalendar'),
  getExpirySettings: call('getExpirySettings'),
  updateExpirySettings: call('updateExpirySettings'),
  getAuditLog: call('getAuditLog'),
  copySecret: call('copySecret'),
  rotateToken: call('rotateToken'),
  getRotationPlan: call('getRotationPlan'),
  findSecretInVault: call('findSecretInVault'),
  getSupportMode: call('getSupportMode'),
  setSupportMode: call('setSupportMode'),
  importPreview: call('importPreview'),
  importApply: call('importApply'),
  importRejectedRows: call('importRejectedRows'),
  exportInventory: call('exportInventory'),
  clientReport: call('clientReport'),
  exportAuditLog: call('exportAuditLog'),
  backupCreate: call('backupCreate'),
  backupRestore: call('backupRestore'),
  getUiSettings: call('getUiSettings'),
  updateUiSettings: call('updateUiSettings'),
  getVaultStatus: call('getVaultStatus'),
  getNavigation: call('getNavigation'),
  getToken: call('getToken'),
  getStore: call('getStore'),
  getClient: call('getClient'),
  getNames: call('getNames'),
  openDataFolder: call('openDataFolder'),
  getDashboard: call('getDashboard'),
  writeThenRead: call('writeThenRead'),
  readIfChanged: call('readIfChanged'),
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const channel = `keyward:${event}`;
    const wrapped = (_e: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
} satisfies Api;

contextBridge.exposeInMainWorld('api', api);
