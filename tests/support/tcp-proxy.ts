import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the database, so a test can take the database away
 * from a running server (every connection cut, new ones refused) and bring it
 * back on the same address, without touching the real PostgreSQL.
 */
export async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        track(client);
        track(upstream);
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', end);
        upstream.on('error', end);
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve((s.address() as { port: number }).port);
      });
    });
  const port = await listen(0);
  return {
    port,
    /** The database is gone: open connections break, new ones are refused. */
    async cut() {
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    },
    /** The database is back, on the same address. */
    async restore() {
      await listen(port);
    },
    async close() {
      await this.cut();
    },
  };
}
