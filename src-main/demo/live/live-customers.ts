// Customers that appear during live mode: existing ones writing in again, and new ones.
import { randomName } from '../content/names';
import type { GeneratedDataset } from '../dataset/generated-dataset';
import type { Person } from '../dataset/people';
import type { Channel, DemoUser, Language } from '../dataset/types';
import type { Rng } from '../random/prng';
import type { HelpdeskStore } from '../store/helpdesk-store';

const LANGUAGE_WEIGHTS: Readonly<Record<Language, number>> = { en: 80, ko: 15, es: 2, de: 2, ja: 1 };
const LOCALE: Readonly<Record<Language, string>> = { en: 'en-US', ko: 'ko', es: 'es', de: 'de', ja: 'ja' };
const TIME_ZONE: Readonly<Record<Language, string>> = { en: 'Eastern Time (US & Canada)', ko: 'Seoul', es: 'Madrid', de: 'Berlin', ja: 'Tokyo' };

export interface LiveCustomer {
  user: DemoUser;
  person: Person;
  channel: Channel;
}

/** The channel a user can write from, given which identity the record holds. */
export function channelsOf(user: DemoUser): Channel[] {
  if (user.email) return user.phone ? ['email', 'web', 'chat', 'native_messaging', 'voice'] : ['email', 'web', 'chat', 'native_messaging'];
  if (user.user_fields.whatsapp_phone) return ['whatsapp'];
  if (user.user_fields.twitter_handle) return ['twitter'];
  return ['facebook'];
}

/** A random existing, non-suspended end user of the generated data. */
export function existingCustomer(rng: Rng, base: GeneratedDataset): LiveCustomer | null {
  for (let attempt = 0; attempt < 10; attempt++) {
    const user = base.endUserAt(rng.int(base.endUserCount));
    if (!user) continue;
    const personId = base.personOfUser(user.id);
    const person = personId === undefined ? undefined : base.persons[personId];
    if (user.suspended || !person) continue;
    return { user, person, channel: rng.pick(channelsOf(user)) };
  }
  return null;
}

/** Creates a brand-new e-mail customer. Addresses and phones use patterns the generated data never uses. */
export function newCustomer(rng: Rng, store: HelpdeskStore): LiveCustomer {
  const language = rng.weighted(LANGUAGE_WEIGHTS);
  const name = randomName(rng, language);
  const personId = store.personCount;
  const email = `${name.latinGiven}.${name.latinFamily}.${personId}@example.com`;
  const phone = rng.chance(0.4) ? `+4477009${String(personId % 100_000).padStart(5, '0')}` : null;
  const user = store.createCustomer({
    person: { language, name, tier: 'standard', email },
    user: {
      name: name.full,
      email,
      phone,
      role: 'end-user',
      organization_id: null,
      default_group_id: null,
      locale: LOCALE[language],
      time_zone: TIME_ZONE[language],
      tags: [],
      active: true,
      suspended: false,
      verified: false,
      shared_phone_number: phone ? false : null,
      external_id: null,
      notes: '',
      signature: null,
      last_login_at: null,
      user_fields: { tier: 'standard', lifetime_value: 0, followers: 0, twitter_handle: null, facebook_id: null, whatsapp_phone: null },
    },
  });
  const person: Person = { id: personId, language, name, tier: 'standard', email, userIds: [user.id] };
  return { user, person, channel: rng.pick(channelsOf(user)) };
}
