import { AtSign, Mail, MessageCircle, Phone, ThumbsUp, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { IdentityKind } from '../../../src-shared/domain/channels';

const ICONS: Record<IdentityKind, LucideIcon> = { email: Mail, phone: Phone, twitter: AtSign, facebook: ThumbsUp, whatsapp: MessageCircle };

/**
 * The kind of an identity: an icon for the eye, the word for screen readers. Hidden text rather
 * than aria-label, so "Email" stays a unique label for the settings form.
 */
export function IdentityIcon({ kind }: { kind: IdentityKind }) {
  const { t } = useTranslation();
  const Icon = ICONS[kind] ?? AtSign;
  const label = t(`customer.identityKind.${kind}`);
  return (
    <span className="identity-icon" title={label}>
      <Icon size={14} strokeWidth={1.8} aria-hidden="true" />
      <span className="visually-hidden">{label}: </span>
    </span>
  );
}
