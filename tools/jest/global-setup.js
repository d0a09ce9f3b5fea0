// Integration and end-to-end tests talk to real servers. They are taken from the environment
// (DATABASE_URL, KAFKA_BROKERS, MONGO_URL, KURRENTDB_URL); where none is given, the native local
// stack is started (deploy/local/stack.sh up) and its addresses are used.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const needed = ['DATABASE_URL', 'KAFKA_BROKERS', 'MONGO_URL'].filter((name) => !process.env[name]);
  if (needed.length === 0) return;
  const stack = path.join(__dirname, '..', '..', 'deploy', 'local', 'stack.sh');
  process.stderr.write(`\n[infra] ${needed.join(', ')} not set: starting the native local stack\n`);
  execFileSync('bash', [stack, 'up'], { stdio: ['ignore', process.stderr, process.stderr] });
  const env = execFileSync('bash', [stack, 'env'], { encoding: 'utf8' });
  for (const line of env.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match && !process.env[match[1]]) process.env[match[1]] = match[2].replace(/^['"]|['"]$/g, '');
  }
};
