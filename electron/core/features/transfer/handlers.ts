import type { TransferService } from './transfer-service';
import type { HandlersFor } from '../handler-map';

type TransferChannels =
  | 'importPreview'
  | 'importApply'
  | 'importRejectedRows'
  | 'exportInventory'
  | 'exportAuditLog'
  | 'clientReport'
  | 'backupCreate'
  | 'backupRestore';

/** Import, export and backup: files picked through the OS dialogs and read or written in main. */
export function transferHandlers(transfer: TransferService): HandlersFor<TransferChannels> {
  return {
    importPreview: ({ format }) => transfer.previewImport(format),
    importApply: ({ planId, allOrNothing }) => transfer.applyImport(planId, allOrNothing),
    importRejectedRows: ({ planId }) => transfer.saveRejectedRows(planId),
    exportInventory: ({ format, clientId }) => transfer.exportInventory(format, clientId),
    exportAuditLog: (filter) =>
      transfer.exportAuditLog({
        ...(filter.subjectId?.trim() ? { subjectId: filter.subjectId.trim() } : {}),
        ...(filter.actionPrefix ? { actionPrefix: filter.actionPrefix } : {}),
      }),
    clientReport: ({ clientId, format }) => transfer.clientReport(clientId, format ?? 'html'),
    backupCreate: ({ passphrase }) => transfer.createBackup(passphrase),
    backupRestore: ({ passphrase, mode }) => transfer.restoreBackup(passphrase, mode),
  };
}
