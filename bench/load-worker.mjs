// Runs autocannon in its own process (forked with IPC), so the load generator does not share the
// server's event loop. Plain JavaScript so it runs without tsx; not a worker thread, because
// autocannon treats a worker thread as one of its own workers.
import autocannon from 'autocannon';

const options = await new Promise((resolve) => process.once('message', resolve));
const { url, path, method, headers, bodies, connections, durationSeconds } = options;
let next = 0;
const result = await autocannon({
  url,
  connections,
  duration: durationSeconds,
  requests: [
    {
      method,
      path,
      headers,
      // Each request takes the next body, so requests do not all ask about the same subject.
      setupRequest: (request) => (bodies.length === 0 ? request : { ...request, body: bodies[next++ % bodies.length] }),
    },
  ],
});
process.send({
  requestsPerSecond: result.requests.average,
  total: result.requests.total,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
});
process.disconnect();
