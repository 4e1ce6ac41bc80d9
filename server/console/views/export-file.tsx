// "Export CSV", "Export data": fetches the file with the console's credentials (a plain link would
// carry none) and hands it to the browser as a download.
import { useState } from 'preact/hooks';
import { announce } from '../state/notice.ts';

export function ExportFile({ load, filename, label }: { load: () => Promise<Blob>; filename: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await load());
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      announce(`Could not export: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="secondary" disabled={busy} onClick={download}>
      {busy ? 'Exporting…' : label}
    </button>
  );
}
