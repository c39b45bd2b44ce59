import { Download, Paperclip } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../src-shared/contract/models';
import { api } from '../../api';
import { useFormatters } from '../../ui/use-formatters';

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A file kept on a mail server: core fetches it when the agent asks (`attachments:get`). */
function isServerFile(url: string): boolean {
  return url.startsWith('imap-part:');
}

/** Hands the bytes to the browser (or Electron's download prompt) as a file named like the original. */
function saveAs(fileName: string, contentType: string, dataBase64: string): void {
  const bytes = Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function ServerFileButton({ messageId, file }: { messageId: number; file: Attachment }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    setState({ busy: true, error: null });
    try {
      const content = await api.call('attachments:get', { messageId, attachmentId: file.id });
      saveAs(content.fileName, content.contentType, content.dataBase64);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  };
  return (
    <>
      <button type="button" className="attachment-name attachment-download" onClick={() => void download()} disabled={state.busy} aria-label={t('case.downloadFile', { name: file.fileName })}>
        {file.fileName}
        <Download size={13} aria-hidden="true" />
      </button>
      {state.busy ? <span className="attachment-meta">{t('case.downloading')}</span> : null}
      {state.error ? (
        <span className="attachment-error" role="alert">
          {state.error}
        </span>
      ) : null}
    </>
  );
}

/** A message's files: name, type and size; a web file opens in the system browser, a mail file downloads. */
export function AttachmentList({ attachments, messageId }: { attachments: readonly Attachment[]; messageId: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('case.attachments')}>
      {attachments.map((file) => (
        <li key={file.id} className="attachment">
          <Paperclip size={14} aria-hidden="true" />
          {isWebUrl(file.url) ? (
            <a href={file.url} target="_blank" rel="noopener noreferrer" className="attachment-name">
              {file.fileName}
            </a>
          ) : isServerFile(file.url) ? (
            <ServerFileButton messageId={messageId} file={file} />
          ) : (
            <span className="attachment-name">{file.fileName}</span>
          )}
          <span className="attachment-meta">
            {file.contentType} · {format.bytes(file.size)}
          </span>
        </li>
      ))}
    </ul>
  );
}
