// Customers. A person may reach support through several channels and so own 1-3 Zendesk
// end-user records (an e-mail user, a separate Twitter user, a WhatsApp user...). Records of one
// person always share at least one identity value (e-mail, phone, handle or Facebook id) with
// the person's primary record, and records of different people never share one, so a client
// can merge them into one customer; personOfUser is the ground truth for tests.
import { CURRENCY_BY_LANGUAGE, localAmount } from '../content/catalog';
import { randomName, type PersonName } from '../content/names';
import type { Rng } from '../random/prng';
import { DAY, isoFromUnix } from '../util/time';
import type { GeneratedOrganization } from './organizations';
import type { CustomerTier, DemoUser, Language } from './types';
import { userUrl } from './urls';

export type IdentityKind = 'email' | 'twitter' | 'facebook' | 'whatsapp';

export interface Person {
  id: number;
  language: Language;
  name: PersonName;
  tier: CustomerTier;
  /** E-mail of the primary record, when the person has one. */
  email: string | null;
  userIds: number[];
}

export interface EndUserRecord {
  user: DemoUser;
  personId: number;
  kind: IdentityKind;
  language: Language;
}

type Shape = readonly IdentityKind[];
// Which records a person has; the first entry is the primary record.
const SHAPES: readonly { shape: Shape; weight: number }[] = [
  { shape: ['email'], weight: 70 },
  { shape: ['email', 'twitter'], weight: 6 },
  { shape: ['email', 'whatsapp'], weight: 7 },
  { shape: ['email', 'facebook'], weight: 4 },
  { shape: ['email', 'twitter', 'whatsapp'], weight: 3 },
  { shape: ['twitter'], weight: 4 },
  { shape: ['whatsapp'], weight: 4 },
  { shape: ['facebook'], weight: 2 },
];
const SHAPE_WEIGHTS = SHAPES.map((s) => s.weight);

const LANGUAGE_WEIGHTS: Readonly<Record<Language, number>> = { en: 80, ko: 15, es: 2, de: 2, ja: 1 };
const TIER_WEIGHTS: Readonly<Record<CustomerTier, number>> = { standard: 85, gold: 12, vip: 3 };
const FREE_MAIL = ['example.com', 'example.net', 'example.org', 'mail.example', 'inbox.example'];

const LOCALE: Readonly<Record<Language, string>> = { en: 'en-US', ko: 'ko', es: 'es', de: 'de', ja: 'ja' };
const TIME_ZONES: Readonly<Record<Language, readonly string[]>> = {
  en: ['Eastern Time (US & Canada)', 'Central Time (US & Canada)', 'Pacific Time (US & Canada)', 'London'],
  ko: ['Seoul'],
  es: ['Madrid'],
  de: ['Berlin'],
  ja: ['Tokyo'],
};
const PHONE_PREFIX: Readonly<Record<Language, [string, number]>> = {
  en: ['+1555', 7],
  ko: ['+8210', 8],
  es: ['+346', 8],
  de: ['+49151', 8],
  ja: ['+8190', 8],
};

export interface PeopleOptions {
  targetUsers: number;
  anchorSec: number;
  baseUrl: string;
  firstUserId: number;
  organizations: readonly GeneratedOrganization[];
}

export interface People {
  persons: Person[];
  endUsers: EndUserRecord[];
}

/** Keeps identity values unique across all people. */
class UniqueValues {
  private readonly used = new Set<string>();

  claim(make: (attempt: number) => string): string {
    for (let attempt = 0; ; attempt++) {
      const value = make(attempt);
      if (!this.used.has(value)) {
        this.used.add(value);
        return value;
      }
    }
  }
}

export function generatePeople(rng: Rng, options: PeopleOptions): People {
  const { targetUsers, anchorSec, baseUrl, organizations } = options;
  const persons: Person[] = [];
  const endUsers: EndUserRecord[] = [];
  const emails = new UniqueValues();
  const phones = new UniqueValues();
  const handles = new UniqueValues();
  const facebookIds = new UniqueValues();
  let nextUserId = options.firstUserId;

  while (endUsers.length < targetUsers) {
    const personId = persons.length;
    // The first two people are fixed so every dataset has an English and a Korean e-mail customer.
    const language: Language = personId === 0 ? 'en' : personId === 1 ? 'ko' : rng.weighted(LANGUAGE_WEIGHTS);
    const shape: Shape = personId < 2 ? ['email'] : (SHAPES[rng.weightedIndex(SHAPE_WEIGHTS)] as { shape: Shape }).shape;
    const name = randomName(rng, language);
    const tier = rng.weighted(TIER_WEIGHTS);
    const lifetimeValue = lifetimeValueFor(rng, tier, language);
    const hasTwitter = shape.includes('twitter');
    const followers = Math.round(hasTwitter ? rng.logNormal(300, 2) : rng.logNormal(40, 1.5));
    const org = shape[0] === 'email' && organizations.length > 0 && rng.chance(0.25) ? rng.pick(organizations) : null;

    const email =
      shape[0] === 'email'
        ? emails.claim((n) => {
            const local = `${name.latinGiven}.${name.latinFamily}${n > 0 ? n + 1 : ''}`;
            return `${local}@${org ? org.domain : FREE_MAIL[(personId + n) % FREE_MAIL.length]}`;
          })
        : null;
    const hasWhatsapp = shape.includes('whatsapp');
    const phone =
      hasWhatsapp || (shape[0] === 'email' && rng.chance(0.55))
        ? phones.claim(() => {
            const [prefix, digits] = PHONE_PREFIX[language];
            return prefix + rng.digits(digits);
          })
        : null;
    const twitterHandle = hasTwitter
      ? handles.claim((n) => {
          const base = rng.chance(0.5) ? `${name.latinGiven}_${name.latinFamily}` : `${name.latinGiven}${name.latinFamily.slice(0, 3)}`;
          return `${base}${n > 0 || rng.chance(0.4) ? rng.range(1, 99) : ''}`;
        })
      : null;
    const facebookId = shape.includes('facebook') ? facebookIds.claim(() => `1000${rng.digits(11)}`) : null;

    const person: Person = { id: personId, language, name, tier, email, userIds: [] };
    persons.push(person);
    const createdBase = anchorSec - rng.range(181, 3 * 365) * DAY - rng.int(DAY);

    shape.forEach((kind, index) => {
      const id = nextUserId++;
      const created = createdBase + index * rng.range(1, 20) * DAY;
      const updated = created + Math.floor(rng.next() * (anchorSec - 1 - created));
      const primary = index === 0;
      const userFields = {
        tier,
        lifetime_value: lifetimeValue,
        // The commerce system keeps a customer's value in the currency they order in (orders.ts).
        lifetime_value_currency: CURRENCY_BY_LANGUAGE[language].code,
        followers,
        // The primary record knows the person's other identities (that is what links them).
        twitter_handle: kind === 'twitter' || (primary && hasTwitter) ? twitterHandle : null,
        facebook_id: kind === 'facebook' || (primary && facebookId !== null) ? facebookId : null,
        whatsapp_phone: kind === 'whatsapp' || (primary && hasWhatsapp) ? phone : null,
      };
      const user: DemoUser = {
        id,
        url: userUrl(baseUrl, id),
        name: displayName(rng, kind, name, twitterHandle),
        email: kind === 'email' ? email : null,
        phone: kind === 'email' || kind === 'whatsapp' ? phone : null,
        role: 'end-user',
        organization_id: kind === 'email' && org ? org.org.id : null,
        default_group_id: null,
        locale: LOCALE[language],
        time_zone: rng.pick(TIME_ZONES[language]),
        tags: tier === 'standard' ? [] : [tier],
        active: true,
        suspended: kind === 'email' && rng.chance(0.003),
        verified: true,
        shared_phone_number: kind === 'email' && phone ? false : null,
        external_id: primary && kind === 'email' ? `cust-${100000 + personId}` : null,
        notes: '',
        signature: null,
        created_at: isoFromUnix(created),
        updated_at: isoFromUnix(Math.max(created, updated)),
        last_login_at: null,
        user_fields: userFields,
      };
      person.userIds.push(id);
      endUsers.push({ user, personId, kind, language });
    });
  }
  return { persons, endUsers };
}

/** What the customer has spent, in their own currency (the ranges are in USD). */
function lifetimeValueFor(rng: Rng, tier: CustomerTier, language: Language): number {
  const [min, max] = tier === 'vip' ? [6000, 60000] : tier === 'gold' ? [900, 6000] : [20, 900];
  return localAmount(min + rng.next() * (max - min), language);
}

function displayName(rng: Rng, kind: IdentityKind, name: PersonName, handle: string | null): string {
  if (kind === 'twitter' && handle && rng.chance(0.35)) return handle;
  if (kind === 'whatsapp' && rng.chance(0.4)) return name.greeting;
  return name.full;
}
