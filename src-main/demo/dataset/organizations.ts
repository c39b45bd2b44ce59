// Customer companies (B2B accounts); their members use the company's e-mail domain.
import { ORG_ID_BASE } from '../constants';
import type { Rng } from '../random/prng';
import { DAY, isoFromUnix } from '../util/time';
import type { DemoOrganization } from './types';
import { organizationUrl } from './urls';

const PREFIXES = ['Acme', 'Northwind', 'Blue Harbor', 'Greenleaf', 'Summit', 'Redwood', 'Orbit', 'Lumen', 'Cobalt', 'Juniper', 'Maple', 'Atlas'];
const SUFFIXES = ['Retail', 'Labs', 'Trading', 'Studio', 'Logistics', 'Foods', 'Systems', 'Outfitters', 'Health', 'Media'];
// Korean companies: display name in Hangul, domain in Latin letters.
const KOREAN_COMPANIES: readonly [string, string][] = [
  ['한빛상사', 'hanbit-trading'], ['누리테크', 'nuri-tech'], ['바다물산', 'bada-goods'], ['솔빛디자인', 'solbit-design'],
  ['하늘유통', 'haneul-distribution'], ['새봄푸드', 'saebom-food'],
];

export interface GeneratedOrganization {
  org: DemoOrganization;
  domain: string;
  korean: boolean;
}

export function generateOrganizations(rng: Rng, count: number, anchorSec: number, baseUrl: string): GeneratedOrganization[] {
  const out: GeneratedOrganization[] = [];
  const usedDomains = new Set<string>();
  for (let i = 0; i < count; i++) {
    const korean = i % 6 === 5;
    let name: string;
    let slug: string;
    if (korean) {
      const [ko, latin] = KOREAN_COMPANIES[Math.floor(i / 6) % KOREAN_COMPANIES.length] as [string, string];
      name = ko;
      slug = latin;
    } else {
      const prefix = rng.pick(PREFIXES);
      const suffix = rng.pick(SUFFIXES);
      name = `${prefix} ${suffix}`;
      slug = `${prefix}-${suffix}`.toLowerCase().replace(/\s+/g, '-');
    }
    let domain = `${slug}.example`;
    for (let n = 2; usedDomains.has(domain); n++) {
      domain = `${slug}-${n}.example`;
      if (!korean) name = `${name.replace(/ \d+$/, '')} ${n}`;
    }
    usedDomains.add(domain);
    const id = ORG_ID_BASE + 1 + i;
    const created = anchorSec - rng.range(400, 1500) * DAY;
    const updated = created + Math.floor(rng.next() * (anchorSec - 200 * DAY - created));
    out.push({
      domain,
      korean,
      org: {
        id,
        url: organizationUrl(baseUrl, id),
        name,
        domain_names: [domain],
        details: '',
        notes: '',
        group_id: null,
        shared_tickets: false,
        shared_comments: false,
        tags: rng.chance(0.3) ? ['wholesale'] : [],
        external_id: `org-${1000 + i}`,
        organization_fields: {},
        created_at: isoFromUnix(created),
        updated_at: isoFromUnix(Math.max(created, updated)),
      },
    });
  }
  return out;
}
