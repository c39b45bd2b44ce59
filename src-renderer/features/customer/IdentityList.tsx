import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../src-shared/contract/models';
import { IdentityIcon } from './IdentityIcon';

/** One person across channels: every address and handle we know for them. */
export function IdentityList({ identities }: { identities: readonly Identity[] }) {
  const { t } = useTranslation();
  return (
    <ul className="identities" aria-label={t('customer.identities')}>
      {identities.map((identity) => (
        <li key={`${identity.kind}:${identity.value}`} className="identity">
          <IdentityIcon kind={identity.kind} />
          <span className="identity-value">{identity.kind === 'twitter' ? `@${identity.value}` : identity.value}</span>
        </li>
      ))}
    </ul>
  );
}
