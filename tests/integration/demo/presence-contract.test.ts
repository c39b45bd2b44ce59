import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEvent, decodePresence, decodeStatus } from '../../../src-main/core/presence/payloads';
import { caseKeyFor, parseTopic } from '../../../src-main/core/presence/topics';
import { DEMO_AGENT_EMAIL, DEMO_PRESENCE_WORKSPACE, demoCaseKey, startDemoServer, type DemoServer } from '../../../src-main/demo';
import { waitFor } from '../../helpers/presence';
import { TEST_ANCHOR } from './demo-client';

// The demo writes the presence protocol itself (it is a separate program and may not import the
// app): everything its simulated teammates publish must be what the app's parser accepts, on the
// topics the app reads, with the case keys the app computes from the account's URL.

const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Heard {
  topic: string;
  payload: Buffer;
  /** Set only on retained messages replayed at subscription (MQTT 3.1.1). */
  retained: boolean;
}

async function listen(server: DemoServer): Promise<{ client: MqttClient; heard: Heard[] }> {
  const client = await connectAsync(server.presenceUrl!, { username: 'contract-listener', protocolVersion: 4, reconnectPeriod: 0 });
  cleanup.push(() => client.endAsync(true));
  const heard: Heard[] = [];
  client.on('message', (topic, payload, packet) => heard.push({ topic, payload, retained: packet.retain }));
  await client.subscribeAsync(`shiftdesk/${DEMO_PRESENCE_WORKSPACE}/#`, { qos: 1 });
  return { client, heard };
}

describe('the demo speaks the app\'s presence protocol', () => {
  it('uses the case key the app computes from the account\'s URL', async () => {
    const server = await startDemoServer({ seed: 2, cases: 30, anchorTime: TEST_ANCHOR });
    cleanup.push(() => server.close());
    // The shells add the demo account with `server.url` as its base URL.
    for (const id of [1, 17, 30]) expect(demoCaseKey(server.url, id)).toBe(caseKeyFor(server.url, String(id)));
    for (const url of ['http://127.0.0.1:4010', 'http://LOCALHOST:4010/', 'https://Acme.zendesk.com/', 'https://acme.example:443/help/desk/', 'http://[::1]:4010']) {
      expect(demoCaseKey(url, 4211)).toBe(caseKeyFor(url, '4211'));
    }
  });

  it('publishes only topics and payloads the app accepts', async () => {
    const server = await startDemoServer({ seed: 2, cases: 120, anchorTime: TEST_ANCHOR, presence: { port: 0 }, teammates: { heartbeatMs: 200, beatMs: 20, visitEveryBeats: 1, followProbability: 1 } });
    cleanup.push(() => server.close());
    const { heard } = await listen(server);
    const teammates = server.teammates!;
    const ticket = server.dataset.tickets().find((t) => t.status === 'open')!;
    const mate = (await teammates.view(ticket.id)).email;
    await teammates.type(ticket.id, mate);
    await teammates.setStatus(mate, 'away');
    await teammates.setStatus(mate, 'available');
    await teammates.reply(ticket.id, { email: mate });
    await teammates.reply(ticket.id, { email: mate, public: false });
    await teammates.leave(ticket.id);
    teammates.start(); // background visits, heartbeats
    await new Promise((resolve) => setTimeout(resolve, 800));
    await teammates.stop();

    const kinds = new Set<string>();
    for (const message of heard) {
      const topic = parseTopic(DEMO_PRESENCE_WORKSPACE, message.topic);
      expect(topic, message.topic).not.toBeNull();
      expect(topic!.agentId).not.toBe(DEMO_AGENT_EMAIL);
      expect(teammates.emails).toContain(topic!.agentId);
      const decoded = topic!.kind === 'status' ? decodeStatus(message.payload) : topic!.kind === 'presence' ? decodePresence(message.payload) : decodeEvent(message.payload);
      expect(decoded, `${message.topic} ${message.payload.toString()}`).toMatchObject({ ok: true });
      if (topic!.kind !== 'status') expect(server.dataset.ticket(Number(topic!.caseKey.split(':').at(-1)))).toBeDefined();
      kinds.add(decoded.ok && decoded.value ? `${topic!.kind}:${'state' in decoded.value ? decoded.value.state : 'status' in decoded.value ? decoded.value.status : decoded.value.kind}` : `${topic!.kind}:cleared`);
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['event:replied', 'presence:cleared', 'presence:sending', 'presence:typing', 'presence:viewing', 'status:available', 'status:away', 'status:offline']));

    // Within one teammate's session, seq only grows.
    const seqs = new Map<string, number>();
    for (const message of heard) {
      if (message.payload.length === 0 || parseTopic(DEMO_PRESENCE_WORKSPACE, message.topic)?.kind === 'event') continue;
      const { sid, seq } = JSON.parse(message.payload.toString()) as { sid: string; seq: number };
      expect(seq).toBeGreaterThan(seqs.get(sid) ?? 0);
      seqs.set(sid, seq);
    }
    // A clean stop leaves nothing retained but offline statuses.
    const late = await listen(server);
    await waitFor('the retained statuses', () => late.heard.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const message of late.heard) {
      expect(message.retained).toBe(true);
      expect(parseTopic(DEMO_PRESENCE_WORKSPACE, message.topic)?.kind).toBe('status');
      expect(JSON.parse(message.payload.toString())).toMatchObject({ status: 'offline', case: null });
    }
  }, 20_000);
});
