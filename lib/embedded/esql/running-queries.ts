/**
 * The ES|QL queries running in this process, for `GET /_query/queries` (query monitoring). A query is
 * registered for as long as `POST /_query` works on it; ids are task-style `<node>:<number>`.
 */

/** The node name the embedded engine reports for its one node. */
export const NODE_ID = 'embedded';

/** One running query, as Elasticsearch lists it. */
export interface RunningQuery { id: number; node: string; start_time_millis: number; query: string; startedNs: bigint }

const running = new Map<string, RunningQuery>();
let nextId = 1;

/** Registers `query` while `work` runs, and returns what `work` returns. */
export function whileRunning<T>(query: string, work: () => T): T {
  const id = nextId++;
  const key = `${NODE_ID}:${id}`;
  running.set(key, { id, node: NODE_ID, start_time_millis: Date.now(), query, startedNs: process.hrtime.bigint() });
  try {
    return work();
  } finally {
    running.delete(key);
  }
}

/** The public view of one running query (running time measured now). */
const view = (q: RunningQuery) => ({
  id: q.id, node: q.node, start_time_millis: q.start_time_millis,
  running_time_nanos: Number(process.hrtime.bigint() - q.startedNs), query: q.query,
});

/** Every running query by `<node>:<id>`. */
export const listRunning = () => Object.fromEntries([...running].map(([key, q]) => [key, view(q)]));

/** One running query with the nodes it runs on, or undefined. */
export function getRunning(key: string) {
  const q = running.get(key);
  return q && { ...view(q), coordinating_node: q.node, data_nodes: [q.node] };
}
