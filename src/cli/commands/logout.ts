import type { Command } from 'commander';
import { readCliConfig, writeCliConfig } from '../../app/index.ts';
import { CapstanError } from '../../core/index.ts';
import { apiClient } from '../api/client.ts';
import type { CliIo } from '../io.ts';

/** `capstan logout [CONTEXT]`: revokes the session on the server and forgets its token. */
export function register(program: Command, io: CliIo): void {
  program
    .command('logout [context]')
    .description('end the session of a stored context')
    .action(async (name: string | undefined) => {
      const config = await readCliConfig();
      const key = name ?? config.currentContext;
      const context = key ? config.contexts[key] : undefined;
      if (!key || !context)
        throw new CapstanError(`capstan logout: no context ${key ?? ''}`.trim(), { code: 'NotFound' });
      if (context.token) {
        // The server remembers the token as revoked, so a copy of it stops working too.
        const client = await apiClient({ server: context.server, authToken: context.token });
        await client.request('DELETE', '/api/v1/session').catch(() => undefined);
      }
      delete context.token;
      await writeCliConfig(config);
      io.out(`Logged out from '${key}'`);
    });
}
