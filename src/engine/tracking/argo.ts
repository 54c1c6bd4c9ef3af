/**
 * Argo CD's tracking identity. The annotation method (default since Argo CD 3.0) writes
 * `argocd.argoproj.io/tracking-id: <app>:<group>/<kind>:<namespace>/<name>`; `<app>` is the
 * application's instance name: its name, or `<namespace>_<name>` for an Application outside the
 * control-plane namespace ("apps in any namespace"). The legacy label method writes the instance name
 * to `app.kubernetes.io/instance`, cut to the 63 characters a label value may hold.
 */
import { CapstanError } from '../../core/index.ts';

export interface TrackingId {
  app: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export class TrackingIdError extends CapstanError {
  constructor(value: string) {
    super(
      `tracking id ${JSON.stringify(value)}: wrong resource tracking format, should be <application-name>:<group>/<kind>:<namespace>/<name>`,
      {
        code: 'INVALID_TRACKING_ID',
      },
    );
  }
}

export function formatTrackingId(t: TrackingId): string {
  return `${t.app}:${t.group}/${t.kind}:${t.namespace}/${t.name}`;
}

export function parseTrackingId(value: string): TrackingId {
  const parts = value.split(':');
  if (parts.length !== 3) throw new TrackingIdError(value);
  const gk = parts[1]!.split('/');
  const nn = parts[2]!.split('/');
  if (gk.length !== 2 || nn.length !== 2) throw new TrackingIdError(value);
  return { app: parts[0]!, group: gk[0]!, kind: gk[1]!, namespace: nn[0]!, name: nn[1]! };
}

/** `name`, or `namespace_name` when the Application lives outside the control-plane namespace. */
export function instanceName(app: { name: string; namespace: string }, controlNamespace: string): string {
  return app.namespace === controlNamespace || app.namespace === ''
    ? app.name
    : `${app.namespace}_${app.name}`;
}

/** The inverse of `instanceName`. */
export function parseInstanceName(
  value: string,
  controlNamespace: string,
): { name: string; namespace: string } {
  const i = value.indexOf('_');
  return i < 0
    ? { name: value, namespace: controlNamespace }
    : { namespace: value.slice(0, i), name: value.slice(i + 1) };
}

export const LABEL_MAX_LENGTH = 63;

/** A label value can hold 63 characters and must end alphanumeric: Argo CD cuts and trims. */
export function instanceLabelValue(instance: string): string {
  let v = instance.length > LABEL_MAX_LENGTH ? instance.slice(0, LABEL_MAX_LENGTH) : instance;
  while (v !== '' && !/[a-zA-Z0-9]$/.test(v)) v = v.slice(0, -1);
  return v;
}
