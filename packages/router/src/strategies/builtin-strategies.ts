import { leastCostStrategy } from './least-cost';
import { leastLatencyStrategy } from './least-latency';
import type { SelectionStrategy } from './selection-strategy';
import { weightedStrategy } from './weighted';

export type StrategyName = 'weighted' | 'least-latency' | 'least-cost';

const BUILTIN: Record<StrategyName, SelectionStrategy> = {
  weighted: weightedStrategy,
  'least-latency': leastLatencyStrategy,
  'least-cost': leastCostStrategy,
};

export function resolveStrategy(strategy: StrategyName | SelectionStrategy): SelectionStrategy {
  return typeof strategy === 'string' ? BUILTIN[strategy] : strategy;
}
