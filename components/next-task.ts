// The queries a page starts as it hydrates (the cart badge, the signed-in menu, live stock) begin inside React's commit,
// the longest task of a page load: a tap waits behind it, and Lighthouse counts it as Total Blocking Time. Creating a
// request is not free (≈ 1 ms each in Chromium, 4× that on a mid-range phone), so each query function first lets that
// task end and sends its request from a task of its own.

/** Resolves in a new task (after the current one and its microtasks). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
