export { createTestDatabase } from './createTestDatabase.js';
export type { CreateTestDatabaseOptions, TestDatabase } from './createTestDatabase.js';
export { freePort } from './freePort.js';
export { startTemporalDevServer } from './startTemporalDevServer.js';
export type { StartTemporalDevServerOptions, TemporalDevServer } from './startTemporalDevServer.js';
export { startExampleApis } from './exampleApis.js';
export type { ExampleApis } from './exampleApis.js';
export { replyTo, startOpenAiCompatibleServer } from './openaiServer.js';
export type { OpenAiServer, OpenAiServerOptions, RecordedRequest } from './openaiServer.js';
