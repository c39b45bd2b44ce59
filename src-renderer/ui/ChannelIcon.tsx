import { AtSign, CircleHelp, Globe, Mail, MessageCircle, MessageSquare, MessagesSquare, Phone, ThumbsUp, Webhook, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ChannelKind } from '../../src-shared/domain/channels';

// lucide dropped brand logos, so social channels get neutral stand-ins; the accessible name
// (and the tooltip) always says which channel it is.
const ICONS: Record<ChannelKind, LucideIcon> = {
  email: Mail,
  web: Globe,
  chat: MessageSquare,
  messaging: MessagesSquare,
  twitter: AtSign,
  facebook: ThumbsUp,
  whatsapp: MessageCircle,
  voice: Phone,
  api: Webhook,
  other: CircleHelp,
};

export function channelIcon(channel: ChannelKind): LucideIcon {
  return ICONS[channel] ?? Globe;
}

/** A channel's name: "Email"; for `other`, the helpdesk's own value when known: "Other (via 74)". */
export function useChannelName(): (channel: ChannelKind, raw?: string | null) => string {
  const { t } = useTranslation();
  return (channel, raw) => (channel === 'other' && raw ? t('channel.otherRaw', { raw }) : t(`channel.${channel}`, { defaultValue: channel }));
}

/**
 * A channel's icon with its name as the accessible label; `decorative` when the name is
 * already written next to it (so it is not announced twice). `raw`: the helpdesk's own value of
 * an `other` channel, named with it.
 */
export function ChannelIcon({ channel, raw, size = 16, className, decorative }: { channel: ChannelKind; raw?: string | null; size?: number; className?: string; decorative?: boolean }) {
  const Icon = channelIcon(channel);
  const name = useChannelName()(channel, raw);
  if (decorative) {
    return (
      <span className={`channel-icon channel-${channel}${className ? ` ${className}` : ''}`} aria-hidden="true">
        <Icon size={size} strokeWidth={1.8} />
      </span>
    );
  }
  return (
    <span className={`channel-icon channel-${channel}${className ? ` ${className}` : ''}`} role="img" aria-label={name} title={name}>
      <Icon size={size} strokeWidth={1.8} aria-hidden="true" />
    </span>
  );
}
