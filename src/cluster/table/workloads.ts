import { formatLabels, formatLabelSelector } from '../select/labels.ts';
import { since } from './duration.ts';
import {
  AGE_COLUMN,
  column,
  CONTAINERS_COLUMN,
  containerCells,
  field,
  IMAGES_COLUMN,
  NAME_COLUMN,
  num,
  SELECTOR_COLUMN,
  type Printer,
} from './types.ts';

const template = (o: unknown) => field(o, 'spec', 'template', 'spec');
/** Deployments, ReplicaSets and StatefulSets default to one replica. */
const replicas = (o: unknown) =>
  typeof field(o, 'spec', 'replicas') === 'number' ? num(field(o, 'spec', 'replicas')) : 1;

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column(
      'Up-to-date',
      'string',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    column(
      'Available',
      'string',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (o, now) => [
    o.metadata.name,
    `${num(field(o, 'status', 'readyReplicas'))}/${replicas(o)}`,
    num(field(o, 'status', 'updatedReplicas')),
    num(field(o, 'status', 'availableReplicas')),
    since(o.metadata.creationTimestamp, now),
    ...containerCells(template(o)),
    formatLabelSelector(field(o, 'spec', 'selector')),
  ],
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    column(
      'Ready',
      'integer',
      'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.',
    ),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (o, now) => [
    o.metadata.name,
    replicas(o),
    num(field(o, 'status', 'replicas')),
    num(field(o, 'status', 'readyReplicas')),
    since(o.metadata.creationTimestamp, now),
    ...containerCells(template(o)),
    formatLabelSelector(field(o, 'spec', 'selector')),
  ],
};

export const statefulSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  cells: (o, now) => [
    o.metadata.name,
    `${num(field(o, 'status', 'readyReplicas'))}/${replicas(o)}`,
    since(o.metadata.creationTimestamp, now),
    ...containerCells(template(o)),
  ],
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
    column(
      'Current',
      'integer',
      'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.',
    ),
    column(
      'Ready',
      'integer',
      'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.',
    ),
    column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    column(
      'Available',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
    ),
    column(
      'Node Selector',
      'string',
      'NodeSelector is a selector which must be true for the pod to fit on a node.',
    ),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (o, now) => [
    o.metadata.name,
    num(field(o, 'status', 'desiredNumberScheduled')),
    num(field(o, 'status', 'currentNumberScheduled')),
    num(field(o, 'status', 'numberReady')),
    num(field(o, 'status', 'updatedNumberScheduled')),
    num(field(o, 'status', 'numberAvailable')),
    formatLabels(field(template(o), 'nodeSelector') as Record<string, string> | undefined),
    since(o.metadata.creationTimestamp, now),
    ...containerCells(template(o)),
    formatLabelSelector(field(o, 'spec', 'selector')),
  ],
};
