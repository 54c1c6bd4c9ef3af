import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs, isMap } from '../convert.ts';
import type { Alert } from './alert.ts';
import type { Provider } from './provider.ts';
import type { Receiver } from './receiver.ts';

/** v1beta2 Alerts have v1beta3's spec; v1beta3 has no status, so a v1beta2 status is dropped. */
export function alertToInternal(obj: KubeObject): Alert {
  const out = cloneAs<Alert>(obj, 'v1beta3', ['v1beta3', 'v1beta2']);
  delete (out as KubeObject)['status'];
  return out;
}

/** v1beta3 only added fields to v1beta2 and dropped the status. */
export function providerToInternal(obj: KubeObject): Provider {
  const out = cloneAs<Provider>(obj, 'v1beta3', ['v1beta3', 'v1beta2']);
  delete (out as KubeObject)['status'];
  return out;
}

/** v1 only added fields to v1beta2 (the status `url` became `webhookPath`). */
export function receiverToInternal(obj: KubeObject): Receiver {
  const out = cloneAs<Receiver>(obj, 'v1', ['v1', 'v1beta2']);
  const status = (out as KubeObject)['status'];
  if (isMap(status) && typeof status['url'] === 'string') {
    status['webhookPath'] ??= status['url'];
    delete status['url'];
  }
  return out;
}
