// The demo helpdesk's embedded presence broker: aedes (MQTT 3.1.1) on a loopback TCP port, so
// presence works out of the box. It applies the same rules as the example mosquitto
// configuration in resources/mosquitto/: a username is required (it is the agent id), and an
// agent may publish only topics that end in its own username:
//
//   shiftdesk/<workspace>/agents/<username>/…
//   shiftdesk/<workspace>/cases/<caseKey>/presence/<username>
//   shiftdesk/<workspace>/cases/<caseKey>/events/<username>
//
// Everyone may read `shiftdesk/#`. (The demo is a separate program: this rule is the broker's
// configuration, written here the way an ACL file would say it, not imported from the app.)
// Unlike mosquitto, which drops a forbidden PUBLISH silently, aedes closes the connection.
import { createServer, type Socket } from 'node:net';
import { Aedes, type Client } from 'aedes';

export interface PresenceBrokerOptions {
  /** Loopback by default. */
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  /** When set, every client must give it; otherwise any password (or none) is accepted on loopback. */
  password?: string | null;
}

export interface PresenceBroker {
  /** mqtt://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Publishes as the broker itself (no ACL): for the demo's simulated teammates. */
  publish(topic: string, payload: string | Buffer, options?: { retain?: boolean; qos?: 0 | 1 }): Promise<void>;
  /** Hears what clients (and the broker itself) publish on `filter` from now on; returns the unsubscribe. */
  subscribe(filter: string, listener: (topic: string, payload: Buffer) => void): () => void;
  /** Usernames with an open connection now. */
  connectedUsernames(): Set<string>;
  /** Called when a client with `username` has connected (after authentication). */
  onClientConnected(listener: (username: string) => void): () => void;
  close(): Promise<void>;
}

const LEVEL = '[^/+#]+';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The write ACL: may `username` publish to `topic`? */
export function mayPublish(username: string, topic: string): boolean {
  const user = escapeRegExp(username);
  return new RegExp(`^shiftdesk/${LEVEL}/agents/${user}(/${LEVEL})+$`).test(topic) || new RegExp(`^shiftdesk/${LEVEL}/cases/${LEVEL}/(presence|events)/${user}$`).test(topic);
}

/** The read ACL: subscriptions within `shiftdesk/`. */
export function maySubscribe(filter: string): boolean {
  return filter === 'shiftdesk/#' || filter.startsWith('shiftdesk/');
}

function isUsername(value: string | undefined): value is string {
  return value !== undefined && value.length >= 1 && value.length <= 128 && !/[/+#\s]/.test(value);
}

export async function startPresenceBroker(options: PresenceBrokerOptions = {}): Promise<PresenceBroker> {
  const host = options.host ?? '127.0.0.1';
  const usernames = new WeakMap<Client, string>();
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const passwordOk = options.password === undefined || options.password === null || (password !== undefined && password.toString('utf8') === options.password);
      if (!isUsername(username) || !passwordOk) {
        const error = Object.assign(new Error('bad user name or password'), { returnCode: 4 });
        done(error, null);
        return;
      }
      usernames.set(client, username);
      done(null, true);
    },
    authorizePublish: (client, packet, done) => {
      // A null client: aedes publishing a stored Last Will, already checked when it was given.
      if (client === null) return done(null);
      const username = usernames.get(client);
      done(username !== undefined && mayPublish(username, packet.topic) ? null : new Error(`not authorized to publish to ${packet.topic}`));
    },
    authorizeSubscribe: (_client, subscription, done) => done(null, maySubscribe(subscription.topic) ? subscription : null),
  });
  // A client refused by the ACL is disconnected; that is not an error of the broker.
  aedes.on('clientError', () => {});
  aedes.on('connectionError', () => {});
  const connected = new Set<Client>();
  const connectListeners = new Set<(username: string) => void>();
  aedes.on('client', (client) => {
    connected.add(client);
    const username = usernames.get(client);
    if (username !== undefined) for (const listener of connectListeners) listener(username);
  });
  aedes.on('clientDisconnect', (client) => connected.delete(client));

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    // Presence is many tiny packets: without this, Nagle holds one agent's copy back (~27 ms)
    // while the publisher's own echo waits for its ACK (mosquitto sets it too).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    aedes.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the presence broker has no TCP address');
  const port = address.port;
  let closing: Promise<void> | null = null;

  return {
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    publish: (topic, payload, publishOptions = {}) =>
      new Promise((resolve, reject) =>
        aedes.publish(
          { cmd: 'publish', topic, payload: typeof payload === 'string' ? Buffer.from(payload) : payload, qos: publishOptions.qos ?? 1, retain: publishOptions.retain ?? false, dup: false },
          (error) => (error ? reject(error) : resolve()),
        ),
      ),
    subscribe: (filter, listener) => {
      const deliver = (packet: { topic: string; payload: string | Buffer }, callback: () => void): void => {
        listener(packet.topic, typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload);
        callback();
      };
      aedes.subscribe(filter, deliver, () => {});
      return () => aedes.unsubscribe(filter, deliver, () => {});
    },
    connectedUsernames: () => new Set([...connected].flatMap((client) => usernames.get(client) ?? [])),
    onClientConnected: (listener) => {
      connectListeners.add(listener);
      return () => connectListeners.delete(listener);
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close();
        for (const socket of sockets) socket.destroy();
        aedes.close(() => resolve());
      });
      return closing;
    },
  };
}
