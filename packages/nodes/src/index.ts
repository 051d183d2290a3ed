export { defineNodeType } from './types.js';
export type { NodeCategory, NodeRunArgs, NodeType, NodeTypeDefinition, NodeUi } from './types.js';
export { createNodeRegistry, describeNodeType } from './registry.js';
export type { NodeRegistry, NodeServices, NodeTypeDescription } from './registry.js';

export {
  checkRunInput,
  InputConfigSchema,
  InputFieldSchema,
  inputJsonSchema,
  inputNode,
  OutputConfigSchema,
  outputNode,
} from './io.js';
export type { InputField } from './io.js';
export { TransformConfigSchema, transformNode } from './transform.js';
export { BranchConfigSchema, branchNode } from './branch.js';
export { MergeConfigSchema, mergeNode } from './merge.js';
export { DelayConfigSchema, delayNode } from './delay.js';
export {
  closeExpressionWorkers,
  evaluateExpression,
  expressionSyntaxError,
  ExpressionSchema,
} from './expression.js';
export type { EvaluateExpressionOptions } from './expression.js';

export {
  closeCodeSandboxes,
  CodeNodeConfigSchema,
  createCodeNode,
  createCodeSandboxPool,
} from './code.js';
export type {
  CodeNodeConfig,
  CodeNodeLog,
  CodeNodeOptions,
  CodeSandboxPool,
  CodeSandboxPoolOptions,
} from './code.js';

export {
  createHttpRequestNode,
  HttpAuthConfigSchema,
  HttpRequestConfigSchema,
} from './httpRequest.js';
export type { HttpAuthConfig, HttpRequestConfig, HttpRequestNodeOptions } from './httpRequest.js';
export { credentialValueOf } from './credentials.js';
export type { CredentialLookup, CredentialResolver } from './credentials.js';
export { createGuardedFetch } from './network/guardedFetch.js';
export type {
  GuardedFetch,
  GuardedFetchOptions,
  GuardedRequestInit,
} from './network/guardedFetch.js';
export { DEFAULT_NETWORK_POLICY, NetworkPolicySchema } from './network/networkPolicy.js';
export type { NetworkPolicy } from './network/networkPolicy.js';

export {
  createLlmChatNode,
  createMemoryConversationStore,
  LlmChatConfigSchema,
  LlmMemoryConfigSchema,
} from './llmChat.js';
export type {
  ConversationStore,
  FetchLike,
  LlmChatConfig,
  LlmChatNodeOptions,
  LlmChatOutput,
  LlmChatProgress,
  LlmUsage,
  MemoryConversationStoreOptions,
} from './llmChat.js';

export { ApprovalConfigSchema, createApprovalNode } from './approval.js';
export type { ApprovalOutcome } from './approval.js';
export { createApprovalBroker } from './approvals.js';
export type {
  ApprovalBroker,
  ApprovalDecision,
  ApprovalGate,
  ApprovalRequest,
  PendingApproval,
} from './approvals.js';
export { createSubgraphNode, SubgraphConfigSchema } from './subgraph.js';
export type { GraphResolver, SubgraphNodeOptions } from './subgraph.js';

export { EXAMPLES_DIR, exampleGraphs } from './examples.js';
export type { ExampleGraph } from './examples.js';
