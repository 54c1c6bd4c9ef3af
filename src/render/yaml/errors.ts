import { CapstanError } from '../../core/index.ts';

/** Input that is not valid YAML (or not what the reader expects), with the file and line. */
export class YamlSyntaxError extends CapstanError {
  readonly file: string;
  /** 1-based line, or 0 when unknown. */
  readonly line: number;
  constructor(file: string, line: number, reason: string) {
    super(`${file || '<input>'}${line > 0 ? `:${line}` : ''}: ${reason}`, { code: 'YAML_SYNTAX' });
    this.file = file;
    this.line = line;
  }
}

/** The 1-based line of `offset` in `source`. */
export function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}
