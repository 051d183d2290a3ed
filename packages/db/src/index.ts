export { openDatabase } from './openDatabase.js';
export { staleRunError } from './runRepository.js';
export { ROLE_RANK } from './teamRepository.js';
export * as schema from './schema.js';
export type { OpenDatabaseOptions } from './openDatabase.js';
export { MIGRATIONS_FOLDER } from './migrations.js';
export type {
  CreateGraphInput,
  CreateRunInput,
  Database,
  AuditEntry,
  AuditRepository,
  CredentialRepository,
  CredentialSummary,
  SealedCredential,
  GraphAccess,
  GraphCursor,
  InvitationRecord,
  MemberRecord,
  Membership,
  TeamRepository,
  WorkspaceRole,
  GraphRecord,
  GraphShareRecord,
  ShareAccess,
  ShareLinkRecord,
  ShareRepository,
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
