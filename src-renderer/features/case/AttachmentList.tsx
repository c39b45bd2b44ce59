import { Paperclip } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../src-shared/contract/models';
import { useFormatters } from '../../ui/use-formatters';

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A message's files: name, type and size; opening one goes to the system browser. */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
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
