// Runs once when a Next server starts: stamps each request with its connection's address (Next does not pass it on;
// lib/server/doors/peer-address.ts), gives Next's data cache its Redis store (shared by every app process), and
// without Inngest configured, this process runs the background jobs itself.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { stampPeerAddresses } = await import('./lib/server/doors/peer-address');
  stampPeerAddresses();
  // Before the first request: Next's cache handler hands every call to this store (shared by all app processes).
  const { registerSharedCache } = await import('./lib/server/cache/shared-cache');
  registerSharedCache();
  const { startJobsInThisProcess } = await import('./lib/server/deps/jobs');
  startJobsInThisProcess();
  // Every process applies the webhook inbox (stored deliveries), whichever driver runs the jobs.
  const { startWebhookInboxInThisProcess } = await import('./lib/server/deps/webhook-inbox');
  startWebhookInboxInThisProcess();
}
