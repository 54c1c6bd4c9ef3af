export { CapstanError, TerminalError, AbortedError, isTerminal, errorMessage, errorCode } from './errors.ts';
export {
  formatRef,
  refOf,
  parseApiVersion,
  formatApiVersion,
  type KubeObject,
  type ObjectMeta,
  type ObjectRef,
  type OwnerReference,
  type ManagedFieldsEntry,
  type GroupVersionKind,
} from './refs.ts';
export { throwIfAborted, sleep, withTimeout, childController } from './abort.ts';
export { redactUrls, redactValues, stripUrlCredentials, SECRET_MASK } from './redact.ts';
export {
  createLogger,
  silentLogger,
  defaultLoggerOptions,
  parseLevel,
  type Logger,
  type LogLevel,
  type LogFields,
  type LoggerOptions,
} from './log.ts';
