import { afterEach, describe, expect, it } from 'vitest';
import { caseKeyFor } from '../../../src-main/core/presence/topics';
import { DEMO_AGENT_EMAIL, startDemoServer, type DemoServer, type DemoServerOptions, type TeammatePresenceOptions } from '../../../src-main/demo';
import { activityOf, connected, startAgent, waitFor, type TestAgent } from '../../helpers/presence';
import { TEST_ANCHOR } from './demo-client';

// The demo's simulated teammates on its presence broker, as the app's PresenceService sees them
// (issue 5): viewing, typing, replying (a real comment plus a `replied` event), leaving, following
// a person onto a case, and getting out of the way of a person who signs in as one of them.

const MAYA = 'maya.rodriguez@support.shiftdesk.example';
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function demo(teammates: TeammatePresenceOptions = {}, extra: Partial<DemoServerOptions> = {}): Promise<DemoServer> {
  const server = await startDemoServer({ seed: 5, cases: 150, anchorTime: TEST_ANCHOR, presence: { port: 0 }, teammates: { heartbeatMs: 500, beatMs: 40, visitEveryBeats: 0, ...teammates }, ...extra });
  cleanup.push(() => server.close());
  return server;
}

async function person(server: DemoServer, email = DEMO_AGENT_EMAIL): Promise<TestAgent> {
  const agent = await startAgent(server.presenceUrl!, email, null, { workspace: 'demo' });
  cleanup.push(() => agent.service.close());
  await connected(agent);
  return agent;
}

function openTicket(server: DemoServer, mine: boolean): number {
  const meId = server.dataset.userByEmail(DEMO_AGENT_EMAIL)!.id;
  return server.dataset.tickets().find((t) => (t.status === 'open' || t.status === 'new') && (t.assignee_id === meId) === mine)!.id;
}

describe('simulated teammates on the presence broker', () => {
  it('view, type and leave a case, seen by the app as viewing, typing, then gone', async () => {
    const server = await demo();
    const jordan = await person(server);
    const ticketId = openTicket(server, false);
    const key = caseKeyFor(server.url, String(ticketId));

    const viewing = await server.teammates!.view(ticketId);
    expect(viewing).toMatchObject({ ticketId, caseKey: key, state: 'viewing' });
    expect(server.teammates!.emails).not.toContain(DEMO_AGENT_EMAIL);
    await waitFor('Jordan to see the teammate viewing', () => activityOf(jordan, key, viewing.email) === 'viewing');
    expect(jordan.service.forCase(key)[0]).toMatchObject({ name: viewing.name });
    expect(jordan.service.agent(viewing.email)).toMatchObject({ status: 'available', currentCase: key });

    await server.teammates!.type(ticketId);
    await waitFor('Jordan to see the teammate typing', () => activityOf(jordan, key, viewing.email) === 'typing');
    // The heartbeat keeps the entry alive past the reader's expiry (3 s in tests).
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(activityOf(jordan, key, viewing.email)).toBe('typing');

    await server.teammates!.leave(ticketId);
    await waitFor('the entry to be cleared', () => activityOf(jordan, key, viewing.email) === null && jordan.service.agent(viewing.email)?.currentCase === null);
    expect(server.teammates!.activities()).toEqual([]);
    // A late joiner finds no leftover retained entry.
    const late = await person(server, 'someone@support.shiftdesk.example');
    await waitFor('the late joiner to see the teammate', () => late.service.agent(viewing.email)?.status === 'available');
    expect(late.service.forCase(key)).toEqual([]);
  }, 20_000);

  it('replies: a comment lands in the store and a replied event arrives; on my ticket it is an internal note', async () => {
    const server = await demo();
    const jordan = await person(server);
    const theirs = openTicket(server, false);
    const before = server.dataset.commentCountFor(theirs);
    const reply = await server.teammates!.reply(theirs);
    const comments = server.dataset.commentsFor(theirs);
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)).toMatchObject({ id: reply.commentId, public: true, author_id: server.dataset.userByEmail(reply.email)!.id });
    const event = await waitFor('the replied event', () => jordan.events.find((e) => e.actionId === reply.actionId));
    expect(event).toMatchObject({ kind: 'replied', agentId: reply.email, public: true, caseKey: caseKeyFor(server.url, String(theirs)), version: server.dataset.ticket(theirs)!.updated_at });
    await waitFor('viewing again after sending', () => activityOf(jordan, reply.caseKey, reply.email) === 'viewing');

    const mine = openTicket(server, true);
    const status = server.dataset.ticket(mine)!.status;
    const note = await server.teammates!.reply(mine, { email: reply.email });
    expect(note.public).toBe(false);
    expect(server.dataset.commentsFor(mine).at(-1)).toMatchObject({ id: note.commentId, public: false });
    expect(server.dataset.ticket(mine)!.status).toBe(status);
    await waitFor('the note event', () => jordan.events.some((e) => e.actionId === note.actionId && e.public === false));
    // One case at a time: moving to my ticket left the other one.
    await waitFor('the first case to be left', () => activityOf(jordan, reply.caseKey, reply.email) === null);
  }, 20_000);

  it('follows a person onto the case they open, a few beats later', async () => {
    const server = await demo({ followProbability: 1 });
    server.teammates!.start();
    const jordan = await person(server);
    const ticketId = openTicket(server, true);
    const key = caseKeyFor(server.url, String(ticketId));
    const enteredAt = Date.now();
    await jordan.service.enterCase(key);
    const [follower] = await waitFor('a teammate to join the case', () => jordan.service.forCase(key).length > 0 && jordan.service.forCase(key));
    expect(Date.now() - enteredAt).toBeGreaterThanOrEqual(2 * 40);
    expect(server.teammates!.emails).toContain(follower!.agentId);
    // Without more arrivals nobody else comes; the visit ends with the teammate leaving.
    await waitFor('the visit to end', () => jordan.service.forCase(key).length === 0, 15_000);
    await server.teammates!.stop();
    expect(server.teammates!.running).toBe(false);
  }, 30_000);

  it('runs on its own in live mode (background visits) and goes offline cleanly on close', async () => {
    const server = await demo({ visitEveryBeats: 2 }, { live: { intervalMs: 3_600_000 } });
    expect(server.teammates!.running).toBe(true);
    const jordan = await person(server);
    await waitFor('teammates to be on cases', () => jordan.service.agents().some((a) => a.currentCase !== null), 10_000);
    const simulated = jordan.service.agents().filter((a) => a.status !== 'offline').map((a) => a.agentId);
    expect(simulated.length).toBeGreaterThan(0);
    await server.teammates!.stop();
    await waitFor('everyone offline and off their cases', () => simulated.every((id) => jordan.service.agent(id)?.status === 'offline') && Object.keys(jordan.service.snapshot().cases).length === 0);
  }, 20_000);

  it('never simulates an agent a person signs in as', async () => {
    const server = await demo({ exclude: ['sam.okafor@support.shiftdesk.example'] });
    expect(server.teammates!.emails).not.toContain('sam.okafor@support.shiftdesk.example');
    const ticketId = openTicket(server, false);
    const viewing = await server.teammates!.view(ticketId, MAYA);
    expect(viewing.email).toBe(MAYA);
    const jordan = await person(server);
    const key = caseKeyFor(server.url, String(ticketId));
    await waitFor('Jordan to see simulated Maya', () => activityOf(jordan, key, MAYA) === 'viewing');
    // The real Maya signs in: the simulated one leaves at once.
    await person(server, MAYA);
    await waitFor('simulated Maya to be gone', () => activityOf(jordan, key, MAYA) === null);
    expect(server.teammates!.emails).not.toContain(MAYA);
    await expect(server.teammates!.view(ticketId, MAYA)).rejects.toThrow(/not a simulated teammate/);
    await expect(server.teammates!.view(ticketId, DEMO_AGENT_EMAIL)).rejects.toThrow(/not a simulated teammate/);
  }, 20_000);

  it('is driven over the admin routes too', async () => {
    const server = await demo();
    const ticketId = openTicket(server, false);
    const post = (path: string, body: unknown = {}) => fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    const view = await post(`/__demo/tickets/${ticketId}/teammates/view`, { email: MAYA });
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({ email: MAYA, ticketId, state: 'viewing' });
    const reply = await post(`/__demo/tickets/${ticketId}/teammates/reply`, { public: false });
    expect(await reply.json()).toMatchObject({ email: MAYA, public: false });
    const state = await (await fetch(`${server.url}/__demo/teammates`)).json();
    expect(state).toMatchObject({ running: false, activities: [{ email: MAYA, ticketId, state: 'viewing' }] });
    expect((await post(`/__demo/tickets/${ticketId}/teammates/leave`)).status).toBe(200);
    expect((await post('/__demo/tickets/99999/teammates/view')).status).toBe(404);
    expect((await post(`/__demo/tickets/${ticketId}/teammates/view`, { email: 42 })).status).toBe(400);
    const without = await startDemoServer({ seed: 5, cases: 50, anchorTime: TEST_ANCHOR });
    cleanup.push(() => without.close());
    expect(without.presenceUrl).toBeNull();
    expect(without.teammates).toBeNull();
    expect((await fetch(`${without.url}/__demo/teammates`)).status).toBe(404);
  }, 20_000);
});
