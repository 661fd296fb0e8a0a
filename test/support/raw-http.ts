import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  /** Sent as given, Host included (fetch would not let a test forge Host). */
  headers?: Record<string, string>;
  body?: string;
  /** The address to connect from, e.g. a non-loopback one to be a remote caller. */
  localAddress?: string;
}

/** One HTTP request with full control of its headers and source address. */
export function rawRequest(url: string, req: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const out = http.request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        method: req.method ?? 'GET',
        path: req.path ?? '/',
        headers: req.headers,
        localAddress: req.localAddress,
        setHost: !req.headers || !Object.keys(req.headers).some((h) => h.toLowerCase() === 'host'),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(req.body);
  });
}

/** What a hand-driven socket saw: the server's first bytes and whether it closed the connection. */
export interface SocketSession {
  socket: net.Socket;
  /** Resolves with everything the server sent once it answers (its first data) or closes. */
  answer: Promise<string>;
  /** Resolves when the server closes its side. */
  closed: Promise<void>;
  /** Bytes this side has written so far. */
  written(): number;
  write(data: string | Buffer): Promise<void>;
}

/** A TCP connection the test writes by hand: headers now, a body byte by byte later, or never. */
export async function openSocket(url: string): Promise<SocketSession> {
  const target = new URL(url);
  const socket = net.connect(Number(target.port), target.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  let written = 0;
  let answered: (text: string) => void = () => undefined;
  const answer = new Promise<string>((resolve) => (answered = resolve));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    answered(received);
  });
  socket.on('error', () => undefined); // a reset after the server answered is expected
  void closed.then(() => answered(received));
  return {
    socket,
    answer,
    closed,
    written: () => written,
    write: (data) =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        written += Buffer.byteLength(data);
        socket.write(data, () => resolve());
      }),
  };
}
