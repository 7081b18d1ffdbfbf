import net from 'node:net';

/** A problem the person running the stack can fix; printed as one line, never with a stack trace. */
export class StackError extends Error {
  override name = 'StackError';
}

/** Whether nothing listens on `port` on the loopback address. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails with a one-line explanation when something already listens on `port`. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  const free = await isPortFree(port);
  if (!free) {
    throw new StackError(
      `Port ${port} (${what}) is already in use. Stop whatever holds it (\`lsof -i :${port}\`) or a previous \`npm start\`, then try again.`,
    );
  }
}
