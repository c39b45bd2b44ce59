// A loopback TCP relay that can cut the network: core talks to the helpdesk (and the broker)
// through it; `cutNow()` drops every open connection and resets new ones until `restore()`, as a
// lost connection would, while the helpdesk itself keeps running with its state.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class NetCut {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private isCut = false;
  port = 0;

  private constructor(
    private readonly targetPort: number,
    private readonly targetHost: string,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  static async relay(targetPort: number, targetHost = '127.0.0.1'): Promise<NetCut> {
    const relay = new NetCut(targetPort, targetHost);
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    const address = relay.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    relay.port = address.port;
    return relay;
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.isCut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    upstream.on('error', () => undefined);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  get cut(): boolean {
    return this.isCut;
  }

  /** Drops every connection now and refuses new ones. */
  cutNow(): void {
    this.isCut = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  restore(): void {
    this.isCut = false;
  }

  async close(): Promise<void> {
    this.cutNow();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
