export { main, buildProgram } from './program.ts';
export { VERSION } from './version.ts';
export { type CliIo, processIo } from './io.ts';
