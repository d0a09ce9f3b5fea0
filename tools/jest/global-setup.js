// Integration and end-to-end tests talk to real servers, found in this order:
//   1. the environment: DATABASE_URL, KAFKA_BROKERS, MONGO_URL (and KURRENTDB_URL);
//   2. the native local stack (deploy/local/stack.sh up), for what the environment does not give;
//   3. containers (testcontainers) where a Docker engine is reachable and the native stack is not
//      usable. KurrentDB has no native build here: it comes from the environment or a container,
//      otherwise its contract suite reports itself NOT RUN.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { dockerAvailable, startContainers } = require('./containers');

const exportEnv = (values) => {
  for (const [name, value] of Object.entries(values)) {
    if (!process.env[name]) process.env[name] = value;
  }
};

const nativeStack = () => {
  const stack = path.join(__dirname, '..', '..', 'deploy', 'local', 'stack.sh');
  execFileSync('bash', [stack, 'up'], { stdio: ['ignore', process.stderr, process.stderr] });
  const env = execFileSync('bash', [stack, 'env'], { encoding: 'utf8' });
  const values = {};
  for (const line of env.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2].replace(/^['"]|['"]$/g, '');
  }
  return values;
};

module.exports = async () => {
  const needed = ['DATABASE_URL', 'KAFKA_BROKERS', 'MONGO_URL'].filter(
    (name) => !process.env[name],
  );
  const docker = dockerAvailable();
  if (needed.length > 0) {
    process.stderr.write(
      `\n[infra] ${needed.join(', ')} not set: starting the native local stack\n`,
    );
    try {
      exportEnv(nativeStack());
    } catch (error) {
      if (!docker) throw error;
      process.stderr.write('[infra] native stack unavailable; Docker found: starting containers\n');
      exportEnv(await startContainers(needed));
    }
  }
  if (!process.env.KURRENTDB_URL && docker) {
    process.stderr.write(
      '[infra] KURRENTDB_URL not set; Docker found: starting a KurrentDB container\n',
    );
    exportEnv(await startContainers(['KURRENTDB_URL']));
  }
};
