import { Eye, PenLine, Send } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useCasePresence } from './use-presence';
import './presence.css';

const ICONS = { viewing: Eye, typing: PenLine, sending: Send } as const;

/** An inbox row's marker when someone else is on the case: the most urgent one's icon; who and what on hover. */
export function RowPresence({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const others = useCasePresence(caseId);
  const first = others[0];
  if (!first) return null;
  const label = others.map((p) => t(`presence.title.${p.activity}`, { name: p.name })).join(', ');
  const Icon = ICONS[first.activity];
  return (
    <span className={`row-presence is-${first.activity}`} data-testid="row-presence" data-state={first.activity} role="img" aria-label={label} title={label}>
      <Icon size={13} aria-hidden="true" />
      {others.length > 1 ? <span className="row-presence-count">{others.length}</span> : null}
    </span>
  );
}
