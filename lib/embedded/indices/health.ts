import type { FlatSettings } from '../storage/types';

/**
 * An index's health on the embedded engine's single node: replicas can never be assigned there, so an index
 * that asks for any is `yellow` and one with `number_of_replicas: 0` is `green`, as on a one-node cluster.
 */
export const indexHealth = (settings: FlatSettings): 'green' | 'yellow' =>
  Number(settings['index.number_of_replicas'] ?? '1') > 0 ? 'yellow' : 'green';
