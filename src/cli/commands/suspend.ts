import type { Command } from 'commander';
import { registerFluxVerb } from '../api/flux-verb.ts';
import type { CliIo } from '../io.ts';

/** `capstan suspend kustomization|source git NAME`, as `flux suspend`. */
export function register(program: Command, io: CliIo): void {
  registerFluxVerb(program, io, 'suspend', 'stop reconciling a Flux object');
}
