// A presence agent in its own process, for the crash tests: connects, says it is available and
// typing on a case, prints "READY", and keeps its heartbeat going until the parent kills it.
import { PresenceService } from '../../src-main/core/presence/presence-service';
import { presenceSecretKey } from '../../src-main/core/presence/presence-settings';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';

const [url, workspace, agentId, password, caseKey, heartbeatMs, expiryMs, keepaliveSec] = process.argv.slice(2);
if (!url || !workspace || !agentId || !password || !caseKey || !heartbeatMs || !expiryMs || !keepaliveSec) {
  throw new Error('usage: presence-child URL WORKSPACE AGENT PASSWORD CASE HEARTBEAT_MS EXPIRY_MS KEEPALIVE_S');
}
const secrets = new MemorySecretStore();
await secrets.set(presenceSecretKey({ brokerUrl: url, username: agentId }), password);
const service = new PresenceService({
  brokerUrl: url,
  workspace,
  agentId,
  name: 'Child',
  secrets,
  heartbeatMs: Number(heartbeatMs),
  expiryMs: Number(expiryMs),
  keepaliveSec: Number(keepaliveSec),
  backoff: { baseMs: 100, capMs: 400 },
});
const connected = new Promise<void>((resolve) => service.onConnectionChange((status) => status.state === 'connected' && resolve()));
service.start();
await connected;
await service.setStatus('available');
await service.setActivity(caseKey, 'typing');
process.stdout.write(`READY ${process.pid}\n`);
