export { bedrockAdapter } from './bedrock-adapter';
export { createBedrockStreamDecoder } from './bedrock-stream-decoder';
export { readAwsEventStream } from './read-aws-event-stream';
