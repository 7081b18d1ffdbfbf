// The child process of startUpstashBridgeProcess (upstash-bridge-process.ts): one Upstash bridge, its options in
// SHOP_BRIDGE_OPTIONS. Ctrl-C in a terminal reaches the whole process group; the launcher stops this process in its
// own order (SIGTERM), or it stops by itself when the launcher goes away.
import type { BridgeMessage } from './upstash-bridge-process.ts';
import { startUpstashBridge } from './upstash-bridge.ts';

const send = (message: BridgeMessage) => new Promise<void>((resolve) => process.send?.(message, () => resolve()) ?? resolve());
const options = JSON.parse(process.env.SHOP_BRIDGE_OPTIONS ?? '{}') as { port: number; redisUrl: string; token: string };

try {
  const bridge = await startUpstashBridge({ ...options, log: (line) => void send({ type: 'log', line }) });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void bridge.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => {});
  process.on('disconnect', stop);
  await send({ type: 'ready', url: bridge.url });
} catch (error) {
  await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
