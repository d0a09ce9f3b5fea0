import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { testInfrastructure } from '@rhythm/testing';

const workspaceRoot = path.join(__dirname, '..', '..', '..', '..');
const memberScript = path.join(__dirname, 'group-member.process.ts');

/**
 * Leaves `groupId` with a member that was killed with -9 after it joined: the group waits for its
 * session (`sessionTimeoutMs`) to expire before anyone else can join, as after a crashed replica.
 */
export const leaveDeadMember = async (
  groupId: string,
  topic: string,
  sessionTimeoutMs: number,
): Promise<void> => {
  const child = spawn(process.execPath, ['-r', './tools/register.js', memberScript], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      ...testInfrastructure.kafkaEnvironment(),
      MEMBER_GROUP: groupId,
      MEMBER_TOPIC: topic,
      MEMBER_SESSION_MS: String(sessionTimeoutMs),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`The group member exited (${code}) before it joined`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('"joined"')) resolve();
    });
  });
  child.kill('SIGKILL');
  await exited;
};
