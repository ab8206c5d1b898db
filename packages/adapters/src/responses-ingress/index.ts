export {
  createResponsesStreamMeter,
  type ResponsesStreamMeter,
  readResponsesUsage,
} from './responses-answer-usage';
export {
  createResponsesEventEncoder,
  type ResponsesEventEncoder,
  type ResponsesEventEncoderOptions,
} from './responses-event-encoder';
export { toResponsesUsage } from './responses-output';
export {
  type ResponsesInputItem,
  type ResponsesRequestInput,
  responsesRequestSchema,
} from './responses-request-schema';
export {
  type ResponsesFunctionName,
  type ResponsesToolNames,
  readResponsesToolNames,
} from './responses-tool-names';
export { toCanonicalRequestFromResponses } from './to-canonical-request-from-responses';
export { toResponsesResponse } from './to-responses-response';
