/**
 * npm run user -- add --username <u> --role admin|leader|department [--department <code>] [--password <p>]
 * npm run user -- passwd --username <u> [--password <p>]
 * npm run user -- disable --username <u>      npm run user -- enable --username <u>
 * npm run user -- list
 * Without --password the password is asked for (hidden) on a terminal, or else generated and
 * printed once. Every change is written to the audit log as made by "cli:<system user>".
 */
import os from 'node:os';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { EXIT_BAD_INPUT, runWithDb, UsageError } from '@/db/cli';
import { createUser, listUsers, setDisabled, setPassword, type UserResult } from '@/db/users';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { generatePassword } from '@/lib/auth/token';

const USAGE = [
  '用法：',
  '  npm run user -- add --username <用户名> --role admin|leader|department [--department <部门代码>] [--password <密码>]',
  '  npm run user -- passwd --username <用户名> [--password <密码>]',
  '  npm run user -- disable --username <用户名>',
  '  npm run user -- enable --username <用户名>',
  '  npm run user -- list',
  '不给 --password 时：在终端上提示输入（不回显）；否则自动生成并只显示这一次。',
].join('\n');

/** Reads a line without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const rlOut = rl as unknown as { _writeToOutput: (s: string) => void };
    let prompted = false;
    rlOut._writeToOutput = (s: string) => {
      if (!prompted) process.stdout.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    prompted = true;
  });
}

/** The password from --password, the terminal, or a generated one that is printed once. */
async function obtainPassword(given: string | undefined): Promise<{ password: string; generated: boolean }> {
  if (given !== undefined) return { password: given, generated: false };
  if (process.stdin.isTTY) {
    const a = await askHidden('新密码：');
    const b = await askHidden('再输入一次：');
    if (a !== b) throw new UsageError('两次输入的密码不一致');
    return { password: a, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

function done(r: UserResult, line: string, generated?: string): number {
  if (!r.ok) {
    process.stderr.write(`${r.message}\n`);
    return EXIT_BAD_INPUT;
  }
  process.stdout.write(`${line}\n`);
  if (generated) process.stdout.write(`初始密码（只显示这一次，请转交本人并提醒登录后修改）：${generated}\n`);
  return 0;
}

void runWithDb(async ({ db }) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const [command] = positionals;
  const actor = { id: null, name: `cli:${os.userInfo().username}` };
  const need = (v: string | undefined, flag: string) => {
    if (!v) throw new UsageError(`缺少 ${flag}\n${USAGE}`);
    return v;
  };

  switch (command) {
    case 'add': {
      const username = need(values.username, '--username');
      const role = need(values.role, '--role');
      const { password, generated } = await obtainPassword(values.password);
      const r = await createUser({ username, password, role, departmentCode: values.department ?? null }, actor, db);
      const label = ROLE_LABELS[role as keyof typeof ROLE_LABELS]?.zh ?? role;
      return done(r, r.ok ? `已新增${label}账号 ${r.username}${values.department ? `（部门 ${values.department}）` : ''}` : '', generated ? password : undefined);
    }
    case 'passwd': {
      const username = need(values.username, '--username');
      const { password, generated } = await obtainPassword(values.password);
      const r = await setPassword(username, password, actor, {}, db);
      return done(r, r.ok ? `已修改 ${r.username} 的密码，其所有登录会话均已失效` : '', generated ? password : undefined);
    }
    case 'disable':
    case 'enable': {
      const username = need(values.username, '--username');
      const r = await setDisabled(username, command === 'disable', actor, db);
      return done(r, r.ok ? (command === 'disable' ? `已停用 ${r.username}，其登录会话均已结束` : `已启用 ${r.username}`) : '');
    }
    case 'list': {
      const list = await listUsers(db);
      if (list.length === 0) {
        process.stdout.write('尚无任何账号\n');
        return 0;
      }
      for (const u of list) {
        const dept = u.departmentCode ? `\t${u.departmentCode}（${u.departmentName}）` : '\t';
        process.stdout.write(`${u.username}\t${u.role}（${ROLE_LABELS[u.role].zh}）${dept}\t${u.disabled ? '已停用' : '可用'}\n`);
      }
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
});
