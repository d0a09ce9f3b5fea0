/**
 * Prints a development access token, signed with the local key pair under .local/dev-keys
 * (created on first use), or with --print-env the JWT_* variables services need to trust it.
 *
 *   node -r ./tools/register.js tools/mint-token.ts --sub alice --tenant acme --roles admin [--name Alice] [--ttl 8h]
 *   node -r ./tools/register.js tools/mint-token.ts --print-env
 */
import { parseArgs } from 'node:util';
import {
  developmentIdentityEnvironment,
  mintDevelopmentToken,
  type TokenLifetime,
} from '@rhythm/identity';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    tenant: { type: 'string' },
    roles: { type: 'string', default: 'member' },
    name: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
    'print-env': { type: 'boolean', default: false },
  },
});

if (values['print-env']) {
  for (const [name, value] of Object.entries(developmentIdentityEnvironment())) {
    process.stdout.write(`export ${name}='${value}'\n`);
  }
} else if (!values.sub || !values.tenant) {
  process.stderr.write(
    'usage: tools/mint-token.ts --sub <person id> --tenant <organisation id> [--roles admin,member] [--name <name>] [--ttl 8h]\n',
  );
  process.exit(2);
} else {
  const ttl = /^\d+$/.test(values.ttl) ? Number(values.ttl) : (values.ttl as TokenLifetime);
  const token = mintDevelopmentToken({
    sub: values.sub,
    tenant: values.tenant,
    roles: values.roles
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean),
    ...(values.name ? { name: values.name } : {}),
    ttl,
  });
  process.stdout.write(`${token}\n`);
}
