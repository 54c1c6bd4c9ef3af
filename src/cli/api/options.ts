/** The flags every command that talks to the server takes. */
import type { Command } from 'commander';

export function serverOptions(command: Command): Command {
  return command
    .option('--server <url>', 'Capstan server (default: the stored context)')
    .option('--auth-token <token>', 'session or API token (default: the stored context)')
    .option('--core', 'no Capstan server: talk to the Kubernetes API directly, as argocd --core')
    .option('--kubeconfig <file>', 'with --core: the kubeconfig (default: $KUBECONFIG, ~/.kube/config)')
    .option('--kube-context <name>', 'with --core: a context of the kubeconfig')
    .option('--core-namespace <ns>', "with --core: Argo CD's namespace", 'argocd');
}

export function outputOption(command: Command, formats = 'json|yaml|wide'): Command {
  return command.option('-o, --output <format>', `output format: ${formats}`);
}
