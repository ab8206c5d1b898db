// The count alone, for a worker thread that counts for a server (`useTokenCounter`): this
// entry loads no more than the tokenizer, where the package's root loads every provider.
export { countTokensInThisThread } from './core/count-tokens-in-thread';
