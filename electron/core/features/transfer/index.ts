export {
  EXPORT_COLUMNS,
  EXPORT_ONLY_COLUMNS,
  IDENTIFIER_COLUMNS,
  IMPORT_COLUMNS,
  REQUIRED_COLUMNS,
  SETTING_COLUMNS,
} from './columns';
export { MAX_IMPORT_CHARS, MAX_IMPORT_ROWS, parseImport, type ImportFormat, type RawRow } from './parse-import';
export {
  planImport,
  planImportText,
  previewImport,
  type ImportPlan,
  type ImportResult,
  type ImportRowInput,
  type PlannedRow,
} from './import-plan';
export { previewOf, type ImportPreview, type ImportPreviewRow, type TokenPreview } from './import-preview';
export { exportCsv, exportJson, exportRows, type ExportSelection } from './export';
export {
  BACKUP_FORMAT_VERSION,
  BACKUP_MAGIC,
  BACKUP_REGIONS,
  DEFAULT_KDF,
  MIN_PASSPHRASE_LENGTH,
  passphraseProblem,
  type KdfParams,
} from './backup-format';
export { BackupPayload, collectBackup, createBackup, readBackup, type BackupSummary } from './backup';
export { mergePlan, replacePlan, type RestorePlan, type RestoreResult, type SkippedToken } from './restore-plan';
export { clientReportHtml, esc as escapeHtml, REPORT_HORIZON_DAYS, type ClientReportInput } from './client-report';
