import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useMyActivity } from './my-activity';
import { useCasePresence } from './use-presence';
import './presence.css';

/** Above the composer: I am typing where someone else is typing (or sending) a reply too. */
export function CollisionWarning({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const mine = useMyActivity((s) => (s.caseId === caseId ? s.activity : null));
  const others = useCasePresence(caseId).filter((p) => p.activity === 'typing' || p.activity === 'sending');
  if ((mine !== 'typing' && mine !== 'sending') || others.length === 0) return null;
  const names = others.map((p) => p.name);
  return (
    <p className="collision-warning" role="alert" data-testid="collision-warning">
      <TriangleAlert size={14} aria-hidden="true" />
      {others.some((p) => p.activity === 'sending')
        ? t('presence.collisionSending', { names: names.join(', '), count: names.length })
        : t('presence.collisionTyping', { names: names.join(', '), count: names.length })}
    </p>
  );
}
