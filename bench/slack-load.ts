// The Slack load generator on a thread of its own, so neither the platform stubs nor the
// bookkeeping of the parent sits between a request and its timing.
import crypto from 'node:crypto';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface SlackLoad {
  url: string;
  signingSecret: string;
  /** Form-encoded `/pmo` bodies, one burst after another. */
  bursts: string[][];
  /** Leading bursts not measured: connections opened, first calls made. */
  warmup: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function send(url: string, secret: string, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/slack/events`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`ack ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(load: SlackLoad): Promise<number[]> {
  const samples: number[] = [];
  for (const [i, burst] of load.bursts.entries()) {
    const times = await Promise.all(burst.map((body) => send(load.url, load.signingSecret, body)));
    if (i >= load.warmup) samples.push(...times);
    // The work behind the acks is done before the next burst.
    await new Promise<void>((resolve, reject) => http.get(`${load.url}/bench/idle`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject));
  }
  return samples;
}

if (parentPort) {
  run(workerData as SlackLoad).then(
    (samples) => parentPort!.postMessage({ samples }),
    (err: Error) => parentPort!.postMessage({ error: err.message }),
  );
}
