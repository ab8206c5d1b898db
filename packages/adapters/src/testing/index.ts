export {
  type FixtureReply,
  type FixtureServer,
  type RecordedRequest,
  serveFetchHandler,
  startFixtureServer,
} from './fixture-server';
export { chunkAt, loadChunksJsonl, readFixture, splitBytes } from './fixtures';
export { decodeAll, summarizeEvents } from './summarize-events';
