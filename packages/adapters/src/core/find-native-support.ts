import type { NativeFormat, NativeSupport, ProviderAdapter } from '../spec/provider-adapter';

/**
 * How a provider speaks `format` natively, for `model` when one is named (the name the
 * client asked for; see `NativeSupport.servesModel`); undefined where it does not.
 */
export function findNativeSupport(
  adapter: Pick<ProviderAdapter, 'native'>,
  format: NativeFormat,
  model?: string,
): NativeSupport | undefined {
  return adapter.native?.find(
    (native) =>
      native.format === format && (model === undefined || (native.servesModel?.(model) ?? true)),
  );
}
