import { Candidate, type ChannelIndex, type Tier } from './channel-index';
import type { DispatchContext } from './dispatch-types';
import { compileModelMapping } from './model-mapping';
import { RouterError } from './router-error';

const NO_TIERS: readonly Tier[] = [];

/**
 * What a dispatch may use: the pinned channel alone, or the (group, model) pool. Fails fast,
 * before any upstream call, when the token may not use the model or nothing serves it.
 */
export function resolveRoute(
  index: ChannelIndex,
  model: string,
  context: DispatchContext,
): { tiers: readonly Tier[]; pinned: Candidate | undefined } {
  if (!isAllowed(model, context.allowedModels))
    throw new RouterError('model_not_allowed', `This token may not use the model ${model}`);
  if (context.pinnedChannelId !== undefined) {
    const routed = index.channel(context.pinnedChannelId);
    if (!routed)
      throw new RouterError(
        'pinned_channel_unavailable',
        `Channel ${context.pinnedChannelId} does not exist or is manually disabled`,
      );
    const upstreamModel = compileModelMapping(routed.channel.modelMapping).map(model);
    return { tiers: NO_TIERS, pinned: new Candidate(routed, upstreamModel, 0) };
  }
  const tiers = index.tiers(context.group, model);
  if (!tiers)
    throw new RouterError(
      'model_not_found',
      `No channel serves the model ${model} for the group ${context.group}`,
    );
  return { tiers, pinned: undefined };
}

function isAllowed(model: string, allowed: DispatchContext['allowedModels']): boolean {
  if (allowed === undefined) return true;
  return 'has' in allowed ? allowed.has(model) : allowed.includes(model);
}
