// The demo's aedes presence broker as its own process (the presence bench's fallback when mosquitto
// is not installed): on the bench's event loop it would share a thread with the agents it serves.
// Prints PRESENCE_URL=mqtt://127.0.0.1:PORT; SIGTERM closes it.
import { startPresenceBroker } from '../../src-main/demo/presence-broker';

const broker = await startPresenceBroker({ host: '127.0.0.1' });
process.stdout.write(`PRESENCE_URL=${broker.url}\n`);
process.on('SIGTERM', () => {
  void broker.close().then(() => process.exit(0));
});
