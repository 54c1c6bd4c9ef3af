import type { Command } from 'commander';
import { registerFluxVerb } from '../api/flux-verb.ts';
import type { CliIo } from '../io.ts';

/** `capstan resume kustomization|source git NAME`, as `flux resume`. */
export function register(program: Command, io: CliIo): void {
  registerFluxVerb(program, io, 'resume', 'reconcile a suspended Flux object again');
}
