import type { Command } from 'commander';
import { readCliConfig, saveCliContext } from '../../app/index.ts';
import { CapstanError } from '../../core/index.ts';
import { apiClient } from '../api/client.ts';
import { ssoLogin } from '../api/sso-login.ts';
import type { CliIo } from '../io.ts';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.trim();
}

/**
 * `capstan login [SERVER]`: a session for a user, stored as the current context. The password
 * comes from `--password`, `$CAPSTAN_PASSWORD`, or stdin (`--password-stdin`), never a prompt
 * echoing it.
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('login [server]')
    .description('log in to a Capstan server and store the session')
    .option('--username <name>', 'user name', 'admin')
    .option('--password <password>', 'password (or $CAPSTAN_PASSWORD, or --password-stdin)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--name <context>', 'name of the stored context (default: the server host)')
    .option('--sso', "log in through the server's OIDC provider, in a browser")
    .option('--sso-port <port>', 'with --sso: the local port the browser returns to', '8085')
    .option('--no-sso-launch-browser', 'with --sso: print the URL instead of opening a browser')
    .action(
      async (
        serverArg: string | undefined,
        flags: {
          username: string;
          password?: string;
          passwordStdin?: boolean;
          name?: string;
          sso?: boolean;
          ssoPort: string;
          ssoLaunchBrowser: boolean;
        },
      ) => {
        const config = await readCliConfig();
        const current = config.currentContext ? config.contexts[config.currentContext] : undefined;
        const server = (
          serverArg ? (/^https?:\/\//.test(serverArg) ? serverArg : `http://${serverArg}`) : current?.server
        )?.replace(/\/+$/, '');
        if (!server)
          throw new CapstanError('capstan login: name the server (capstan login localhost:8080)', {
            code: 'NoServer',
          });
        const name = flags.name ?? new URL(server).host;
        if (flags.sso) {
          const token = await ssoLogin(server, io, {
            port: Number(flags.ssoPort),
            launchBrowser: flags.ssoLaunchBrowser,
          });
          const who = await (
            await apiClient({ server, authToken: token })
          ).get<{ username?: string }>('/api/v1/session/userinfo');
          await saveCliContext(name, {
            ...config.contexts[name],
            server,
            token,
            username: who.username ?? '',
          });
          io.out(`'${who.username ?? ''}' logged in successfully\nContext '${name}' updated`);
          return;
        }
        const password =
          flags.password ??
          process.env['CAPSTAN_PASSWORD'] ??
          (flags.passwordStdin ? await readStdin() : undefined);
        if (!password)
          throw new CapstanError(
            'capstan login: give the password with --password, $CAPSTAN_PASSWORD or --password-stdin',
            { code: 'InvalidArgument' },
          );
        const client = await apiClient({ server, authToken: '' });
        const { token } = await client.request<{ token: string }>('POST', '/api/v1/session', {
          username: flags.username,
          password,
        });
        const existing = config.contexts[name];
        await saveCliContext(name, { ...existing, server, token, username: flags.username });
        io.out(`'${flags.username}' logged in successfully\nContext '${name}' updated`);
      },
    );
}
