/**
 * `npm run hub -- <command>`:
 *   serve --config FILE [--sla FILE]
 *                                the hub for a whole center (default command)
 *   demo [--data DIR] [--port N] [--rate N] [--speed N] [--scenarios LIST] [--sla FILE]
 *                                the hub with the five demo agencies and demo users
 *   verify --data DIR            walks the hash chain
 *   cap-check FILE... [--json] [--domain D]
 *                                checks an agency's CAP output before connecting it
 *   users list|add|passwd --data DIR ...
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { decodeCapAlert } from '@shared/cap';
import { ChainVerifier } from '@shared/domain/chain';
import { DOMAINS, isAgencyId, type Domain } from '@shared/domain/agencies';
import { ROLES, userSchema } from '@shared/domain/roles';
import { hashPassword } from './auth/passwords';
import { loadHubConfig } from './config';
import { DEMO_PASSWORD, DEMO_USERS, startDemo } from './demo';
import { nativeSha256 } from './engine';
import { startHub } from './hub';
import { createLogger } from './log';
import { defaultDataRoot } from './paths';
import { checkSecondsFor, loadSlaFile, slaForDemo } from './sla/slaFile';
import { PgliteStore } from './store/pgliteStore';

const USAGE = `usage: npm run hub -- <command>
  serve --config FILE [--sla FILE]
                                 run the hub for a center (--sla: SLA deadlines from FILE instead of the config's)
  demo [--data DIR] [--port N] [--host H] [--origin URL] [--rate N] [--speed N] [--scenarios a,b|all|none] [--sla FILE]
                                 the hub with the five demo agencies and one account per role
                                 (--sla: SLA deadlines from FILE instead of resources/sla.json)
  verify --data DIR              check the event log's hash chain
  cap-check FILE... [--json] [--domain D]
                                 check CAP 1.2 files as the hub would read them
  users list --data DIR
  users add NAME --role ROLE [--agency ID] [--display NAME] [--password P] --data DIR
  users passwd NAME [--password P] --data DIR`;

type Flags = { positional: string[]; flags: Map<string, string | true> };

function parseFlags(argv: string[]): Flags {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--') && !['--json', '--no-loop'].includes(a)) {
      flags.set(a.slice(2), next);
      i++;
    } else flags.set(a.slice(2), true);
  }
  return { positional, flags };
}

const str = (f: Flags, name: string): string | undefined => {
  const v = f.flags.get(name);
  return typeof v === 'string' ? v : undefined;
};
const num = (f: Flags, name: string): number | undefined => {
  const v = str(f, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) fail(`--${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
};

function fail(message: string, code = 2): never {
  console.error(`longwatch hub: ${message}`);
  process.exit(code);
}

function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by a parent (the Electron app, the web host): die with it.
  if (process.env['LONGWATCH_PARENT_PIPE'] === '1') process.stdin.on('end', stop).resume();
}

async function serve(f: Flags): Promise<void> {
  const file = str(f, 'config') ?? fail('serve needs --config FILE');
  const loaded = loadHubConfig(file);
  if (!loaded.ok) fail(loaded.error);
  if (f.flags.get('sla') === true) fail('--sla needs a FILE');
  const slaFile = str(f, 'sla');
  let config = loaded.value;
  if (slaFile !== undefined) {
    const sla = loadSlaFile(slaFile);
    if (!sla.ok) fail(sla.error);
    config = { ...config, sla: sla.value };
  }
  const hub = await startHub(config);
  onShutdown(() => hub.close());
}

async function demo(f: Flags): Promise<void> {
  const dataDir = str(f, 'data') ?? join(defaultDataRoot(), 'demo');
  const port = num(f, 'port') ?? 4781;
  if (f.flags.get('sla') === true) fail('--sla needs a FILE');
  const sla = slaForDemo(str(f, 'sla'));
  if (!sla.ok) fail(sla.error);
  const d = await startDemo(
    {
      dataDir,
      port,
      host: str(f, 'host') ?? '127.0.0.1',
      allowedOrigins: ['app://longwatch', ...(str(f, 'origin') ? [str(f, 'origin')!] : [])],
      ...(sla.value ? { sla: sla.value, slaCheckSeconds: checkSecondsFor(sla.value) } : {}),
    },
    { rate: num(f, 'rate'), speed: num(f, 'speed'), scenarios: str(f, 'scenarios'), dataDir: join(dataDir, 'agencies') },
  );
  // One machine-readable line for a parent process, then the people-readable ones.
  console.log(
    JSON.stringify({
      ready: { url: d.hub.url, dataDir, demo: { password: DEMO_PASSWORD, accounts: DEMO_USERS.map((u) => ({ name: u.name, displayName: u.displayName, role: u.role, ...(u.agency ? { agency: u.agency } : {}) })) } },
    }),
  );
  console.error(`\nLongwatch demo hub: ${d.hub.url}  (data: ${dataDir})`);
  console.error(`Demo accounts, password "${DEMO_PASSWORD}":`);
  for (const u of DEMO_USERS) console.error(`  ${u.name.padEnd(10)} ${u.role.padEnd(12)} ${u.agency ?? ''}  ${u.displayName}`);
  onShutdown(() => d.close());
}

async function verify(f: Flags): Promise<void> {
  const dataDir = str(f, 'data') ?? fail('verify needs --data DIR (stop the hub that uses it first)');
  const store = await PgliteStore.open(dataDir);
  const verifier = new ChainVerifier(undefined, nativeSha256);
  let after = 0;
  for (;;) {
    const page = await store.readEvents(after, 5000);
    if (page.length === 0) break;
    if (!verifier.push(page)) break;
    after = page[page.length - 1]!.seq;
  }
  await store.close();
  const v = verifier.result();
  if (v.ok) {
    console.log(`chain ok: ${v.count} events`);
    process.exit(0);
  }
  console.log(`chain broken at seq ${v.seq}: ${v.reason} (${v.count} events verified before it)`);
  process.exit(1);
}

function capCheck(f: Flags): void {
  const files = f.positional;
  if (files.length === 0) fail('cap-check needs one or more files');
  const domain = (str(f, 'domain') ?? 'ecology') as Domain;
  if (!DOMAINS.includes(domain)) fail(`--domain must be one of ${DOMAINS.join(', ')}`);
  const json = f.flags.has('json');
  let failed = 0;
  for (const file of files) {
    let xml: string;
    try {
      const raw = readFileSync(file);
      // The XML declaration names the encoding; CAP is UTF-8 unless it says otherwise.
      xml = /encoding=["']ISO-8859-1["']/i.test(raw.subarray(0, 200).toString('latin1')) ? raw.toString('latin1') : raw.toString('utf8');
    } catch (e) {
      failed++;
      console.log(`${file}: error: cannot read (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const r = decodeCapAlert(xml, { feed: 'cap-check', domain, fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' } });
    if (!r.ok) {
      failed++;
      console.log(json ? JSON.stringify({ file, ok: false, path: r.error.path, reason: r.error.reason }) : `${file}: error: ${r.error.path}: ${r.error.reason}`);
    } else if (json) {
      const { capXml: _xml, ...alert } = r.value;
      console.log(JSON.stringify({ file, ok: true, alert, warnings: r.warnings }));
    } else {
      console.log(`${file}: ok${r.warnings.length ? ` (${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''}: ${r.warnings.map((w) => `${w.path}: ${w.reason}`).join('; ')})` : ''}`);
    }
  }
  process.exit(failed > 0 ? 1 : 0);
}

async function readPassword(f: Flags): Promise<string> {
  const given = str(f, 'password') ?? process.env['LONGWATCH_PASSWORD'];
  if (given) return given;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question('password: ');
  rl.close();
  return answer;
}

async function users(f: Flags): Promise<void> {
  const [sub, name] = f.positional;
  const dataDir = str(f, 'data') ?? fail('users needs --data DIR (stop the hub that uses it first)');
  const store = await PgliteStore.open(dataDir);
  try {
    if (sub === 'list') {
      for (const u of await store.listUsers()) console.log(`${u.name.padEnd(16)} ${u.role.padEnd(12)} ${(u.agency ?? '').padEnd(14)} ${u.displayName}${u.disabled ? ' (disabled)' : ''}`);
    } else if (sub === 'add') {
      const role = str(f, 'role');
      if (!role || !(ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
      const agency = str(f, 'agency');
      if (agency !== undefined && !isAgencyId(agency)) fail(`--agency ${agency} is not an agency id`);
      const user = userSchema.safeParse({ name, displayName: str(f, 'display') ?? name, role, ...(agency ? { agency } : {}) });
      if (!user.success) fail(`invalid user: ${user.error.issues[0]?.message}`);
      const password = await readPassword(f);
      if (password.length < 8) fail('a password has at least 8 characters');
      await store.putUser(user.data, await hashPassword(password));
      console.log(`user ${user.data.name} saved`);
    } else if (sub === 'passwd') {
      if (!name) fail('users passwd NAME');
      const password = await readPassword(f);
      if (password.length < 8) fail('a password has at least 8 characters');
      if (!(await store.setPassword(name, await hashPassword(password)))) fail(`no user ${name}`, 1);
      console.log(`password of ${name} changed; their sessions were ended`);
    } else fail(USAGE);
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const f = parseFlags(rest);
  switch (command) {
    case undefined:
    case 'serve':
      return command === undefined && rest.length === 0 ? fail(USAGE) : serve(f);
    case 'demo':
      return demo(f);
    case 'verify':
      return verify(f);
    case 'cap-check':
      return capCheck(f);
    case 'users':
      return users(f);
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      fail(`unknown command ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  createLogger('hub').fatal({ err: e }, 'hub failed');
  console.error(`longwatch hub: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
