import type { Command } from 'commander';
import { registerFluxVerb } from '../api/flux-verb.ts';
import type { CliIo } from '../io.ts';

/** `capstan reconcile kustomization|source git NAME`, as `flux reconcile`. */
export function register(program: Command, io: CliIo): void {
  registerFluxVerb(program, io, 'reconcile', 'reconcile a Flux object now');
}
