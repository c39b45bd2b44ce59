import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RemoteCase, RemoteMacro, RemoteMessage, RemotePerson } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../../src-main/core/db/repos/outbox-repo';
import { SendGuard } from '../../../../src-main/core/outbox/send-guard';
import { RecentCaseEvents } from '../../../../src-main/core/presence/recent-case-events';
import { CaseService } from '../../../../src-main/core/services/case-service';
import { MacroError, MacroService, tagChanges } from '../../../../src-main/core/services/macro-service';
import { suggestMatch, suggestTerms } from '../../../../src-main/core/services/macro-terms';
import { OutboxService } from '../../../../src-main/core/services/outbox-service';

// The macro service on a real profile database: personal macros, the placeholder values of a
// case, suggestions (bm25 over the macros' text) and the bulk apply through the outbox.

const remoteCase = (remoteId: string, subject: string, over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId, channel: 'email', subject, status: 'open', priority: 'normal', type: null, requesterRemoteId: '9',
  assigneeRemoteId: null, groupRemoteId: null, organizationRemoteId: null, tags: ['inbound'], csat: null,
  createdAt: 1_000, updatedAt: 2_000, version: 'v1', generatedTs: 2, ...over,
});
const person = (remoteId: string, name: string, role: 'agent' | 'customer', email: string, over: Partial<RemotePerson> = {}): RemotePerson => ({
  remoteId, name, role, email, phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1, ...over,
});
let nextRemote = 500;
const message = (caseRemoteId: string, authorRemoteId: string, bodyText: string, at = 5_000 + nextRemote): RemoteMessage => ({
  remoteId: String(nextRemote++), caseRemoteId, authorRemoteId, channel: 'email', public: true, bodyText, bodyHtml: null, attachments: [], createdAt: at,
});
const remoteMacro = (remoteId: string, title: string, body: string, actions: RemoteMacro['actions'] = {}): RemoteMacro => ({
  remoteId, title, body, bodyPublic: true, position: Number(remoteId), active: true, createdAt: 1, updatedAt: 1, actions,
});

const MACROS = [
  { title: 'Refund: issued to the original payment method', body: 'Hi {{customer.first_name | "there"}},\n\nWe have issued a refund for your order {{customer.last_order.number}}. The money is back on your card within 5–7 business days.\n\n{{agent.first_name}}', actions: { status: 'solved' as const, addTags: ['refund'] } },
  { title: 'Shipping delay: parcel on its way', body: 'Hi {{customer.first_name}}, your parcel is delayed at the carrier. Tracking shows it moving again; delivery within 3 days.', actions: { status: 'pending' as const } },
  { title: 'Password reset link', body: 'Hi {{customer.first_name}}, use the "Forgot password" link on the sign-in page to reset your password.', actions: {} },
  { title: 'Damaged item: send photos', body: 'Sorry the item arrived damaged. Could you send us photos of the product and the box?', actions: { addTags: ['damaged'] } },
  { title: '환불 안내', body: '{{customer.name}}님, 환불 요청이 접수되었습니다. 영업일 기준 3~5일 안에 카드사로 환불됩니다.', actions: { status: 'solved' as const } },
  { title: 'Change delivery address', body: 'We can change the delivery address until the order ships. Reply with the new address.', actions: {} },
];

describe('macro service', () => {
  let db: Db;
  let cache: AccountCache;
  let otherCache: AccountCache;
  let macros: MacroService;
  let outboxRepo: OutboxRepo;
  let accountId: number;
  let otherAccountId: number;
  const caseId = (remoteId: string, c = cache) => c.cases.caseIdFor(remoteId);
  const ids: Record<string, number> = {};

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-macros-')), 'p.db') });
    const accounts = new AccountsRepo(db);
    accountId = accounts.add({ kind: 'zendesk', name: 'acme', baseUrl: 'http://acme', email: 'ana@acme' }).id;
    accounts.setIdentity(accountId, '7');
    otherAccountId = accounts.add({ kind: 'zendesk', name: 'beta', baseUrl: 'http://beta', email: 'ana@beta' }).id;
    accounts.setIdentity(otherAccountId, '70');
    cache = new AccountCache(db, accountId);
    cache.applyPage(null, {
      people: [person('7', 'Ana Souza', 'agent', 'ana@acme'), person('8', 'Maya Lee', 'agent', 'maya@acme'), person('9', 'Kim Minji', 'customer', 'minji@example.com', { tier: 'gold' }), person('10', '', 'customer', 'anon@example.com')],
      groups: [{ remoteId: '20', name: 'Billing' }],
      cases: [
        remoteCase('4211', 'Refund for order SD-1000042'),
        remoteCase('4212', 'Where is my parcel?', { tags: ['inbound', 'shipping'] }),
        remoteCase('4213', 'Question', { requesterRemoteId: '10' }),
      ],
      messages: [
        message('4211', '9', 'Hello, I ordered running shoes last week but they do not fit.', 1_000),
        message('4211', '7', 'Hi Minji, sorry to hear that! Do you want an exchange?', 2_000),
        message('4211', '9', 'No thanks. I already sent them back. Can I get a refund to my card please? I was charged twice too.', 3_000),
        message('4212', '9', 'My parcel has not arrived, the tracking has not moved for 5 days. Where is my package?', 3_000),
        message('4213', '10', 'ok', 3_000),
      ],
      cursor: null,
      caughtUp: true,
    });
    db.prepare('UPDATE customer_context SET orders_json = ? WHERE customer_id = (SELECT customer_id FROM cases WHERE remote_id = ? AND account_id = ?)').run(
      JSON.stringify([
        { number: 'SD-1000001', placedAt: 1_000, total: 1, currency: 'KRW', status: 'delivered', items: [] },
        { number: 'SD-1000042', placedAt: 9_000, total: 1, currency: 'KRW', status: 'returned', items: [] },
      ]),
      '4211',
      accountId,
    );
    otherCache = new AccountCache(db, otherAccountId);
    otherCache.applyPage(null, { people: [person('70', 'Ana Souza', 'agent', 'ana@beta')], cases: [remoteCase('77', 'Refund please')], messages: [message('77', '9', 'I want a refund')], cursor: null, caughtUp: true });
    outboxRepo = new OutboxRepo(db);
    const outbox = new OutboxService(db, outboxRepo, new SendGuard(db, new CaseService(db, () => undefined, () => []), new RecentCaseEvents()));
    macros = new MacroService(db, outbox);
    for (const m of MACROS) ids[m.title] = macros.save({ title: m.title, body: m.body, bodyPublic: true, actions: m.actions }).id;
  });

  it('saves, lists (most used first, then by title), changes and deletes personal macros', () => {
    expect(macros.list().map((m) => m.title)).toEqual([...MACROS.map((m) => m.title)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const password = ids['Password reset link']!;
    macros.used(password, 50);
    macros.used(password, 60);
    macros.used(ids['환불 안내']!, 70);
    const list = macros.list();
    expect(list.slice(0, 2).map((m) => [m.title, m.usageCount])).toEqual([['Password reset link', 2], ['환불 안내', 1]]);
    expect(list[0]).toMatchObject({ source: 'personal', accountId: null, lastUsedAt: 60, bodyPublic: true, actions: {} });

    const changed = macros.save({ id: password, title: 'Password reset', body: 'Reset it here, {{customer.first_name | "there"}}.', bodyPublic: false, actions: { assignee: { kind: 'me' }, addTags: ['Login'] } });
    expect(changed).toMatchObject({ id: password, title: 'Password reset', bodyPublic: false, usageCount: 2, actions: { assignee: { kind: 'me' }, addTags: ['login'] } });
    expect(macros.delete(password)).toEqual({ deleted: true });
    expect(macros.delete(password)).toEqual({ deleted: false });
    expect(macros.list().some((m) => m.id === password)).toBe(false);
    expect(db.prepare('SELECT count(*) FROM macros_fts WHERE rowid = ?').pluck().get(password)).toBe(0);
  });

  it('refuses unknown placeholders by name, shared macros, and agents or groups that do not exist', () => {
    expect(() => macros.save({ title: 'Bad', body: 'Hi {{customer.nickname}} and {{ case.number }}', bodyPublic: true, actions: {} })).toThrow(/unknown placeholders \{\{customer\.nickname\}\}, \{\{ case\.number \}\}/);
    expect(() => macros.save({ title: 'Bad', body: 'Hi {{customer.first_name | there}}', bodyPublic: true, actions: {} })).toThrow(MacroError);
    expect(() => macros.save({ title: 'X', body: '', bodyPublic: true, actions: { assignee: { kind: 'agent', agentId: 999 } } })).toThrow(/agent 999/);
    expect(() => macros.save({ title: 'X', body: '', bodyPublic: true, actions: { groupId: 999 } })).toThrow(/group 999/);
    expect(() => macros.save({ id: 12345, title: 'X', body: '', bodyPublic: true, actions: {} })).toThrow(/no macro 12345/);

    macros.repo.replaceShared(accountId, [remoteMacro('1', 'Shared refund', 'Refund done')], () => ({}));
    const shared = macros.list().find((m) => m.source === 'shared')!;
    expect(shared).toMatchObject({ title: 'Shared refund', accountId });
    expect(() => macros.save({ id: shared.id, title: 'Mine now', body: '', bodyPublic: true, actions: {} })).toThrow(/shared macro/);
    expect(() => macros.delete(shared.id)).toThrow(/shared macro/);
    const agentId = db.prepare("SELECT id FROM agents WHERE remote_id = '8' AND account_id = ?").pluck().get(accountId) as number;
    const groupId = db.prepare("SELECT id FROM groups WHERE remote_id = '20'").pluck().get() as number;
    expect(macros.save({ title: 'To Maya', body: '', bodyPublic: true, actions: { assignee: { kind: 'agent', agentId }, groupId } }).actions).toEqual({ assignee: { kind: 'agent', agentId }, groupId });
  });

  it('gives the placeholder values of a case', () => {
    expect(macros.context(caseId('4211'))).toEqual({
      caseId: caseId('4211'),
      values: {
        'customer.first_name': 'Kim',
        'customer.name': 'Kim Minji',
        'customer.tier': 'gold',
        'customer.last_order.number': 'SD-1000042',
        'case.id': '4211',
        'case.subject': 'Refund for order SD-1000042',
        'agent.name': 'Ana Souza',
        'agent.first_name': 'Ana',
      },
    });
    expect(macros.context(caseId('4213')).values).toMatchObject({ 'customer.first_name': null, 'customer.name': null, 'customer.last_order.number': null, 'case.id': '4213' });
    expect(() => macros.context(99_999)).toThrow(/not in the cache/);
  });

  it('suggests the refund macro first for a refund request, the shipping one for a late parcel, and nothing for "ok"', () => {
    const refund = macros.suggest(caseId('4211'), 3);
    expect(refund[0]?.macroId).toBe(ids['Refund: issued to the original payment method']);
    expect(refund.length).toBeLessThanOrEqual(3);
    expect(refund.every((s, i) => i === 0 || s.score <= refund[i - 1]!.score)).toBe(true);
    expect(macros.suggest(caseId('4212'), 3)[0]?.macroId).toBe(ids['Shipping delay: parcel on its way']);
    db.prepare("UPDATE cases SET subject = '' WHERE id = ?").run(caseId('4213'));
    expect(macros.suggest(caseId('4213'), 3)).toEqual([]);
    expect(macros.suggest(99_999, 3)).toEqual([]);
  });

  it('suggests from Korean messages, and keeps another account’s shared macros out', () => {
    otherCache.applyPage(null, { cases: [remoteCase('78', '문의')], messages: [message('78', '9', '안녕하세요. 지난주에 주문한 운동화 환불 요청드립니다. 언제 환불되나요?')], cursor: null, caughtUp: true });
    expect(macros.suggest(caseId('78', otherCache), 3)[0]?.macroId).toBe(ids['환불 안내']);
    macros.repo.replaceShared(accountId, [remoteMacro('1', 'Refund request: refund approved', 'Your refund request was approved. Refund refund refund.')], () => ({}));
    const sharedId = macros.list().find((m) => m.source === 'shared')!.id;
    expect(macros.suggest(caseId('4211'), 5).map((s) => s.macroId)).toContain(sharedId);
    expect(macros.suggest(caseId('77', otherCache), 5).map((s) => s.macroId)).not.toContain(sharedId);
  });

  it('picks distinctive terms: no stop words, no short words, stems as prefixes, Korean as bigrams', () => {
    const terms = suggestTerms(['Hello, can I get a REFUND please? I was refunded twice… refunds!', '환불 요청드립니다']);
    expect(terms[0]).toEqual({ term: 'refund', prefix: true, weight: 3 });
    expect(terms.map((t) => t.term)).not.toContain('hello');
    expect(terms.map((t) => t.term)).not.toContain('can');
    expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining(['환불', '요청']));
    expect(terms.map((t) => t.term)).not.toContain('니다');
    expect(suggestTerms(['word '.repeat(5) + Array.from({ length: 60 }, (_, i) => `term${String.fromCharCode(97 + (i % 26))}${i}`).join(' ')]).length).toBe(24);
    expect(suggestMatch([{ term: 'refund', prefix: true, weight: 2 }, { term: '환불', prefix: false, weight: 1 }])).toBe('"refund"* OR "refund"* OR "환불"');
    // A subject counts twice; "first_contact" is split like the index splits it.
    expect(suggestTerms([{ text: 'Damaged lamp', weight: 2 }, 'first_contact lamp'])).toEqual([
      { term: 'lamp', prefix: false, weight: 3 },
      { term: 'damag', prefix: true, weight: 2 },
      { term: 'contact', prefix: true, weight: 1 },
      { term: 'first', prefix: true, weight: 1 },
    ]);
    expect(suggestMatch([])).toBeNull();
  });

  it('applies a macro to several cases: one outbox action each, rendered per case, me and tags resolved, one use', () => {
    const me = db.prepare("SELECT id FROM agents WHERE remote_id = '7' AND account_id = ?").pluck().get(accountId) as number;
    const macro = macros.save({
      title: 'Refund done',
      body: 'Hi {{customer.first_name | "there"}}, refund for {{customer.last_order.number}} on case {{case.id}} is done. – {{agent.first_name}}',
      bodyPublic: true,
      actions: { status: 'solved', priority: null, assignee: { kind: 'me' }, setTags: ['refund', 'shipping'] },
    });
    const result = macros.applyBulk(macro.id, [caseId('4211'), caseId('4212'), caseId('77', otherCache)], 123_000);
    expect(result.refused).toEqual([]);
    expect(result.actions).toHaveLength(3);
    const [first, second] = result.actions;
    expect(first).toMatchObject({ caseId: caseId('4211'), kind: 'reply', state: 'queued', caseRemoteId: '4211' });
    expect(first!.intent).toEqual({
      comment: { body: 'Hi Kim, refund for SD-1000042 on case 4211 is done. – Ana', public: true },
      status: 'solved',
      priority: null,
      assigneeId: me,
      addTags: ['refund', 'shipping'],
      removeTags: ['inbound'],
    });
    expect(second!.intent).toMatchObject({ comment: { body: 'Hi Kim, refund for SD-1000042 on case 4212 is done. – Ana', public: true }, addTags: ['refund'], removeTags: ['inbound'] });
    expect(result.actions[2]!.intent.comment!.body).toBe('Hi there, refund for  on case 77 is done. – Ana');
    // The other account's "me" is its own agent.
    const otherMe = db.prepare("SELECT id FROM agents WHERE remote_id = '70'").pluck().get() as number;
    expect(result.actions[2]!.intent.assigneeId).toBe(otherMe);
    expect(result.missing).toEqual([{ caseId: caseId('77', otherCache), placeholders: ['customer.last_order.number'] }]);
    expect(outboxRepo.list()).toHaveLength(3);
    expect(db.prepare('SELECT status, tags FROM cases WHERE id = ?').get(caseId('4211'))).toEqual({ status: 'solved', tags: 'refund shipping' });
    expect(macros.repo.get(macro.id)).toMatchObject({ usageCount: 1, lastUsedAt: 123_000 });
  });

  it('refuses the cases a shared macro of another account cannot apply to, and queues the rest', () => {
    macros.repo.replaceShared(accountId, [remoteMacro('5', 'Internal: escalate', '', {})], () => ({ status: 'open', addTags: ['escalated'] }));
    const shared = macros.list().find((m) => m.source === 'shared')!;
    const result = macros.applyBulk(shared.id, [caseId('4211'), caseId('77', otherCache), 424_242]);
    expect(result.actions.map((a) => [a.caseId, a.kind, a.intent])).toEqual([[caseId('4211'), 'update', { status: 'open', addTags: ['escalated'] }]]);
    expect(result.refused).toEqual([
      { caseId: caseId('77', otherCache), reason: expect.stringMatching(/shared macro of another helpdesk account/) as string },
      { caseId: 424_242, reason: 'Case 424242 is not in the cache' },
    ]);
    expect(() => macros.applyBulk(987_654, [caseId('4211')])).toThrow(/no macro/);
  });

  it('turns a tag replacement into additions and removals against the shown tags', () => {
    expect(tagChanges(['a', 'b'], { setTags: ['b', 'c'] })).toEqual({ add: ['c'], remove: ['a'] });
    expect(tagChanges(['a'], { addTags: ['a', 'b'], removeTags: ['x', 'a'] })).toEqual({ add: ['b'], remove: ['a'] });
    expect(tagChanges([], {})).toEqual({ add: [], remove: [] });
  });
});
