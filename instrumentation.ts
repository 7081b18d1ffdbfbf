// Runs once when a Next server starts: without Inngest configured, this process runs the background jobs itself.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startJobsInThisProcess } = await import('./lib/server/jobs');
  startJobsInThisProcess();
}
