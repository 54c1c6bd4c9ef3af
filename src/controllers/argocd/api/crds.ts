import type { CustomResourceDefinition } from '../../index.ts';
import { applicationCrd } from './application-crd.ts';
import { appProjectCrd } from './appproject-crd.ts';
import { applicationSetCrd } from './applicationset-crd.ts';

/**
 * The CRDs of Argo CD's API that Capstan serves, in install order. Built fresh on each call
 * (about 20 ms; ApplicationSet repeats the Application spec in every generator's template).
 */
export function argocdCrds(): CustomResourceDefinition[] {
  return [applicationCrd(), appProjectCrd(), applicationSetCrd()];
}
