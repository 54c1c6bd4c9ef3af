// The YAML layer shared by the renderers: go-yaml-compatible reading and printing.
export { parseYaml, parseYamlDocuments, defaultParseOptions, type ParseOptions } from './parse.ts';
export {
  marshalYaml,
  marshalYamlStream,
  formatNumber,
  jsonRoundTrip,
  UnsupportedValueError,
} from './emit.ts';
export { resolvePlain, v2CanBePlain, type Dialect, type Resolved } from './resolve.ts';
export { Timestamp, parseTimestamp } from './timestamp.ts';
export { YamlSyntaxError } from './errors.ts';
export { deepCopy } from './compose.ts';
export { goYamlKeyLess, sortKeysGoYaml } from './sort-keys.ts';
