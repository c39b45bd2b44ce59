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

/**
 * A channel's icon with its name as the accessible label; `decorative` when the name is
 * already written next to it (so it is not announced twice).
 */
export function ChannelIcon({ channel, size = 16, className, decorative }: { channel: ChannelKind; size?: number; className?: string; decorative?: boolean }) {
  const { t } = useTranslation();
  const Icon = channelIcon(channel);
  const name = t(`channel.${channel}`, { defaultValue: channel });
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
