export { openDatabase } from './openDatabase.js';
export { staleRunError } from './runRepository.js';
export type { OpenDatabaseOptions } from './openDatabase.js';
export { MIGRATIONS_FOLDER } from './migrations.js';
export type {
  CreateGraphInput,
  CreateRunInput,
  Database,
  GraphCursor,
  GraphRecord,
  GraphRepository,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  Notifier,
  RunCursor,
  RunEventRepository,
  RunExecutor,
  RunRecord,
  RunRepository,
  RunResult,
  KeyedRunEvent,
  RunStatus,
  UpdateGraphInput,
  UpdateGraphResult,
} from './types.js';
