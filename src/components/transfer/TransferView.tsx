import { useSupportMode } from '../../state/vault-store';
import { BackupSection } from './BackupSection';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';

/** Import & backup: import from CSV/JSON with a masked preview, secret-free exports, encrypted backup and restore. */
export function TransferView() {
  const supportMode = useSupportMode();
  return (
    <div className="transfer-view">
      <h2>Import &amp; backup</h2>
      {supportMode && (
        <p className="banner banner-warning" role="note">
          Status-only mode is on: import, backup and restore are off. Secret-free exports and reports stay available.
        </p>
      )}
      <ImportSection disabled={supportMode} />
      <ExportSection />
      <BackupSection disabled={supportMode} />
    </div>
  );
}
