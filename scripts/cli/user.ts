import os from 'node:os';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createUser, listUsers, setDisabled, setPassword, type UserResult } from '@/db/users';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { generatePassword } from '@/lib/auth/token';
import { withDb } from './db';
import { CliError, EXIT_BAD_INPUT, OutputClosed, reportFailure, writeLines, type CliIo } from './io';

/**
 * npm run user -- add --username <u> --role admin|leader|department|reviewer [--department <code>] [--password <p>]
 * npm run user -- passwd --username <u> [--password <p>]
 * npm run user -- disable --username <u>      npm run user -- enable --username <u>
 * npm run user -- list
 * Without --password the password is asked for (hidden) on a terminal, or else generated and
 * printed once. Every change is written to the audit log as made by "cli:<system user>".
 */

const USAGE = [
  '用法：',
  '  npm run user -- add --username <用户名> --role admin|leader|department [--department <部门代码>] [--password <密码>]',
  '  npm run user -- passwd --username <用户名> [--password <密码>]',
  '  npm run user -- disable --username <用户名>',
  '  npm run user -- enable --username <用户名>',
  '  npm run user -- list',
  '不给 --password 时：在终端上提示输入（不回显）；否则自动生成并只显示这一次。',
].join('\n');

type UserIo = CliIo & { stdin?: Readable & { isTTY?: boolean } };

/** Reads a line without echoing it. */
function askHidden(question: string, input: Readable, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input, output, terminal: true });
    const rlOut = rl as unknown as { _writeToOutput: (s: string) => void };
    let prompted = false;
    rlOut._writeToOutput = (s: string) => {
      if (!prompted) output.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
    prompted = true;
  });
}

/** The password from --password, the terminal, or a generated one that is printed once. */
async function obtainPassword(given: string | undefined, io: UserIo): Promise<{ password: string; generated: boolean }> {
  if (given !== undefined) return { password: given, generated: false };
  const stdin = io.stdin ?? process.stdin;
  if (stdin.isTTY) {
    const a = await askHidden('新密码：', stdin, io.stdout);
    const b = await askHidden('再输入一次：', stdin, io.stdout);
    if (a !== b) throw new CliError(['两次输入的密码不一致']);
    return { password: a, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

function done(io: CliIo, r: UserResult, line: string, generated?: string): number {
  if (!r.ok) {
    writeLines(io.stderr, [r.message]);
    return EXIT_BAD_INPUT;
  }
  writeLines(io.stdout, [line, ...(generated ? [`初始密码（只显示这一次，请转交本人并提醒登录后修改）：${generated}`] : [])]);
  return 0;
}

async function run(argv: string[], io: UserIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (!['add', 'passwd', 'disable', 'enable', 'list'].includes(command ?? '')) throw new CliError([USAGE]);
  const need = (v: string | undefined, flag: string) => {
    if (!v) throw new CliError([`缺少 ${flag}`, USAGE]);
    return v;
  };
  const actor = { id: null, name: `cli:${os.userInfo().username}` };

  switch (command) {
    case 'add': {
      const username = need(values.username, '--username');
      const role = need(values.role, '--role');
      const { password, generated } = await obtainPassword(values.password, io);
      return withDb(io, async ({ db }) => {
        const r = await createUser({ username, password, role, departmentCode: values.department ?? null }, actor, db);
        const label = ROLE_LABELS[role as keyof typeof ROLE_LABELS]?.zh ?? role;
        return done(io, r, r.ok ? `已新增${label}账号 ${r.username}${values.department ? `（部门 ${values.department}）` : ''}` : '', generated ? password : undefined);
      });
    }
    case 'passwd': {
      const username = need(values.username, '--username');
      const { password, generated } = await obtainPassword(values.password, io);
      return withDb(io, async ({ db }) => {
        const r = await setPassword(username, password, actor, {}, db);
        return done(io, r, r.ok ? `已修改 ${r.username} 的密码，其所有登录会话均已失效` : '', generated ? password : undefined);
      });
    }
    case 'disable':
    case 'enable': {
      const username = need(values.username, '--username');
      return withDb(io, async ({ db }) => {
        const r = await setDisabled(username, command === 'disable', actor, db);
        return done(io, r, r.ok ? (command === 'disable' ? `已停用 ${r.username}，其登录会话均已结束` : `已启用 ${r.username}`) : '');
      });
    }
    default:
      return withDb(io, async ({ db }) => {
        const list = await listUsers(db);
        if (list.length === 0) writeLines(io.stdout, ['尚无任何账号']);
        for (const u of list) {
          const dept = u.departmentCode ? `\t${u.departmentCode}（${u.departmentName}）` : '\t';
          writeLines(io.stdout, [`${u.username}\t${u.role}（${ROLE_LABELS[u.role].zh}）${dept}\t${u.disabled ? '已停用' : '可用'}`]);
        }
        return 0;
      });
  }
}

/** The driver's own reason (drizzle wraps it with the whole query), on one line. */
function rootMessage(e: unknown): string {
  let cur = e;
  while (cur instanceof Error && cur.cause instanceof Error) cur = cur.cause;
  return (cur instanceof Error ? cur.message : String(cur)).replace(/\s*\n\s*/g, ' ');
}

/**
 * `npm run user`. Bad input is status 2 with its reason. Anything else that fails here fails in the
 * database (each change is one transaction, so nothing was changed): one line saying so, status 2,
 * never a stack trace (SCORECARD_DEBUG=1 shows it).
 */
export async function main(argv: string[], io: UserIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (e instanceof CliError || e instanceof OutputClosed || code.startsWith('ERR_PARSE_ARGS')) return reportFailure(e, io);
    if (io.env.SCORECARD_DEBUG === '1' && e instanceof Error && e.stack) writeLines(io.stderr, [e.stack]);
    else writeLines(io.stderr, [`数据库操作失败，账号未作任何改动：${rootMessage(e)}（设置 SCORECARD_DEBUG=1 可看到详细信息）`]);
    return EXIT_BAD_INPUT;
  }
}
