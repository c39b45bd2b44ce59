import type { TFunction } from 'i18next';
import type { SupervisorView } from '../../../src-shared/contract/supervisor';
import { ChannelIcon } from '../../ui/ChannelIcon';
import type { FiguresRow } from './FiguresTable';

export function groupRows(view: SupervisorView, t: TFunction): FiguresRow[] {
  return view.groups.map((g) => ({ key: `g${g.groupId ?? 'none'}`, label: g.name ?? t('supervisor.noGroup'), figures: g, attrs: { 'data-group-id': String(g.groupId ?? 'none') } }));
}

export function channelRows(view: SupervisorView, t: TFunction): FiguresRow[] {
  return view.channels.map((c) => ({
    key: c.channel,
    label: (
      <span className="sv-channel">
        <ChannelIcon channel={c.channel} decorative />
        {t(`channel.${c.channel}`)}
      </span>
    ),
    figures: c,
    attrs: { 'data-channel': c.channel },
  }));
}
