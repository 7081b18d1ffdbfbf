// The renderer main thread's long tasks in a Lighthouse trace, each with what ran inside it (script evaluation by file,
// compiles, function calls, parsing, layout, GC) — what Total Blocking Time is made of, as `--tasks` prints it.
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; isLoadingMainFrame?: boolean } };
}

const INSIDE = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'FunctionCall',
  'ParseHTML',
  'Layout',
  'UpdateLayoutTree',
  'Paint',
  'MajorGC',
  'MinorGC',
  'RunMicrotasks',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'v8.produceCache',
  'XHRReadyStateChange',
]);

export interface LongTask {
  startMs: number;
  durationMs: number;
  parts: string[];
}

export function longTasks(trace: { traceEvents: TraceEvent[] }, minMs = 8): LongTask[] {
  const events = trace.traceEvents;
  const navigation =
    events.find((event) => event.name === 'navigationStart' && event.args?.data?.isLoadingMainFrame) ??
    events.find((event) => event.name === 'navigationStart');
  if (!navigation) return [];
  const mains = events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  const taskCount = (thread: TraceEvent) => events.filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.name === 'RunTask').length;
  const main = mains.sort((a, b) => taskCount(b) - taskCount(a))[0];
  if (!main) return [];
  const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined);
  return onMain
    .filter((event) => event.name === 'RunTask' && event.dur! >= minMs * 1000)
    .sort((a, b) => a.ts - b.ts)
    .map((task) => {
      const end = task.ts + task.dur!;
      const parts = onMain
        .filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur! <= end && INSIDE.has(event.name) && event.dur! >= 1500)
        .slice(0, 10)
        .map((event) => {
          const url = event.args?.data?.url ? `(${event.args.data.url.split('/').pop()!.slice(0, 28)})` : '';
          const fn = event.args?.data?.functionName ? `[${event.args.data.functionName}]` : '';
          return `${event.name}${url}${fn} ${(event.dur! / 1000).toFixed(1)}`;
        });
      return { startMs: (task.ts - navigation.ts) / 1000, durationMs: task.dur! / 1000, parts };
    });
}
