// A real Kannel (bearerbox + smsbox, scripts/kannel/start) with fakesmsc playing the operator:
// fakesmsc sends what a phone would send and prints every message Kannel delivers to phones.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';

// Four free ports BASE .. BASE+3 for one Kannel, below the ephemeral range (32768 and up), where
// the tests' own connections would take them.
export async function kannelPorts() {
  const free = (port) => new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 3000) * 4;
    const ok = await Promise.all([0, 1, 2, 3].map((i) => free(base + i)));
    if (ok.every(Boolean)) {
      // Three secrets, as scripts/kannel/start makes them: Kannel's admin interface, caunoi's
      // sendsms user, the token Kannel's calls to caunoi carry.
      const secret = (p) => `${p}${randomBytes(12).toString('hex')}`;
      return {
        base, password: secret('s'), token: secret('t'), admin: secret('a'),
        url: `http://127.0.0.1:${base + 2}`, fakePort: base + 3,
      };
    }
  }
}

// The flags that point caunoi at that Kannel.
export function caunoiFlags(k) {
  return ['--kannel-url', k.url, '--kannel-password', k.password, '--kannel-token', k.token,
    '--sms-retry-seconds', '1', '--sms-rate', '100'];
}

// A demo server (startServer's options) sending through a real Kannel, started, with fakesmsc
// playing the operator: { k: the ports, srv, kannel, phone }. The caller stops all three.
export async function serverWithKannel(startServer, options = {}) {
  const k = await kannelPorts();
  const srv = await startServer({ ...options, extra: [...caunoiFlags(k), ...(options.extra || [])] });
  const kannel = new Kannel(k, srv.base);
  kannel.start();
  return { k, srv, kannel, phone: new FakeSmsc(k.fakePort) };
}

export class Kannel {
  constructor(ports, caunoiBase) {
    this.ports = ports;
    this.caunoi = caunoiBase;
    this.dir = tempDir('caunoi-kannel-');
  }
  start(env = {}) {
    execFileSync(join(root, 'scripts', 'kannel', 'start'), [this.dir, this.caunoi, String(this.ports.base)], {
      env: {
        ...process.env, KANNEL_SEND_PASSWORD: this.ports.password, KANNEL_TOKEN: this.ports.token,
        KANNEL_ADMIN_PASSWORD: this.ports.admin, ...env,
      },
      encoding: 'utf8',
    });
  }
  stop() { execFileSync(join(root, 'scripts', 'kannel', 'stop'), [this.dir]); }
  // What Kannel wrote so far to one of its files in its directory ('' before it exists).
  file(name) {
    try { return readFileSync(join(this.dir, name), 'utf8'); } catch { return ''; }
  }
}

// One fakesmsc connected to the fake SMSC; `received` keeps every message delivered to a phone
// as { from, to, text } (text url-decoded when Kannel sent it as data).
export class FakeSmsc {
  constructor(port) {
    this.port = port;
    this.received = [];
    this.start();
  }
  start() {
    // Unbuffered input (stdbuf): fakesmsc waits on the descriptor, then reads one line with
    // stdio; buffered, the lines that arrived together would wait until more input comes.
    this.proc = spawn('stdbuf', ['-i0', FAKESMSC, '-H', '127.0.0.1', '-r', String(this.port), '-i', '0', '-m', '1000000'],
      { stdio: ['pipe', 'ignore', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.on('exit', resolve));
    let buf = '';
    this.proc.stderr.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = line.match(/Got message \d+: <(\S+) (\S+) (text|data|udh) (.*)>$/);
        if (!m) continue;
        if (m[3] === 'udh') {
          this.part(m[1], m[2], m[4]);
          continue;
        }
        const text = m[3] === 'data' ? decodeURIComponent(m[4].replace(/\+/g, ' ')) : m[4];
        this.received.push({ from: m[1], to: m[2], text, type: m[3] });
      }
    });
    this.proc.stdin.on('error', () => {});
  }
  // One part of a concatenated message ("<udh> <data>", both url-encoded); the whole message is
  // received when its last part is.
  part(from, to, rest) {
    // "<udh> data <data>" (Kannel 1.4.5) or "<udh> <data>".
    const words = rest.split(' ');
    const udhEnc = words[0];
    const dataEnc = words[1] === 'data' ? words.slice(2).join(' ') : words.slice(1).join(' ');
    const udh = Buffer.from(decodeURIComponent(udhEnc), 'latin1');
    const data = decodeURIComponent(dataEnc.replace(/\+/g, ' '));
    // IE 00 (8-bit reference) or 08 (16-bit): reference, total, sequence.
    const long = udh[1] === 0x08;
    const ref = long ? udh.readUInt16BE(3) : udh[3];
    const total = udh[long ? 5 : 4], seq = udh[long ? 6 : 5];
    this.parts = this.parts || new Map();
    const key = `${to}/${ref}`;
    const got = this.parts.get(key) || [];
    got[seq - 1] = data;
    this.parts.set(key, got);
    if (got.filter((x) => x !== undefined).length === total) {
      this.parts.delete(key);
      this.received.push({ from, to, text: got.join(''), parts: total });
    }
  }
  // What a phone sends: `type` text (plain), data (url-encoded bytes) or udh (url-encoded UDH, then data).
  send(from, text, type = 'text') { this.proc.stdin.write(`${from} 8079 ${type} ${text}\n`); }
  to(phone) { return this.received.filter((m) => m.to === `84${phone.slice(1)}`); }
  // Waits until `n` messages reached `phone`; returns them.
  async waitFor(phone, n = 1, ms = 20000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const got = this.to(phone);
      if (got.length >= n) return got;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${phone} got ${this.to(phone).length} of ${n} messages: ${JSON.stringify(this.to(phone))}`);
  }
  // Sends `text` from `from` and resolves to the next message that phone receives (its reply).
  async ask(from, text, type) {
    const before = this.to(from).length;
    this.send(from, text, type);
    return (await this.waitFor(from, before + 1))[before].text;
  }
  async stop() {
    this.proc.kill('SIGKILL');
    await this.exited;
  }
}
