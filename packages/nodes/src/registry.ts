import type { NodeCatalog } from '@beluga/graph';
import { OrchestratorError } from '@beluga/orchestration';
import { z } from 'zod';
import { createApprovalNode } from './approval.js';
import { createApprovalBroker, type ApprovalGate } from './approvals.js';
import { branchNode } from './branch.js';
import { createCodeNode } from './code.js';
import { delayNode } from './delay.js';
import { createHttpRequestNode } from './httpRequest.js';
import { inputNode, outputNode } from './io.js';
import type { ConversationStore } from './llm/conversations.js';
import { createLlmChatNode } from './llmChat.js';
import { mergeNode } from './merge.js';
import { createGuardedFetch } from './network/guardedFetch.js';
import type { NetworkPolicy } from './network/networkPolicy.js';
import { createSubgraphNode, type GraphResolver } from './subgraph.js';
import type { CredentialResolver } from './credentials.js';
import { transformNode } from './transform.js';
import type { NodeType, NodeUi } from './types.js';

/** What the built-in node types need from the application around them. */
export interface NodeServices {
  /** Which addresses http.request and llm.chat may reach. Default: private networks refused. */
  network?: NetworkPolicy;
  /** Where approval nodes wait. Default: an in-process broker (see createApprovalBroker). */
  approvals?: ApprovalGate;
  /** Conversation memory of llm.chat. Default: in memory, per registry. */
  conversations?: ConversationStore;
  /**
   * Resolves the credential names nodes refer to (API keys, HTTP auth) for the run that asks
   * (`runId`: a subgraph's is `<run id>/<node id>`); values never enter documents.
   */
  resolveCredential?: CredentialResolver;
  /** Loads the documents subgraph nodes refer to. Default: none, subgraph nodes fail. */
  resolveGraph?: GraphResolver;
}

/** A node type as the editor and API clients see it: JSON only, config as JSON Schema. */
export interface NodeTypeDescription {
  type: string;
  inputs: NodeType['inputs'];
  outputs: NodeType['outputs'];
  role?: 'input' | 'output';
  join?: 'all' | 'any';
  ui: NodeUi;
  configSchema: Record<string, unknown>;
}

export interface NodeRegistry extends NodeCatalog {
  /** Adds an application node type; a type name already taken is refused. */
  register(type: NodeType): NodeRegistry;
  list(): NodeType[];
  describe(): NodeTypeDescription[];
}

const noGraphs: GraphResolver = (ref) => {
  throw new OrchestratorError({
    code: 'INVALID_STATE',
    op: 'node:subgraph',
    message: `Cannot load subgraph "${ref}": no graph resolver is configured here`,
  });
};

function builtins(services: NodeServices, catalogFor: (stack: readonly string[]) => NodeCatalog) {
  const network = services.network ?? { allowPrivateNetworks: false };
  const fetch = createGuardedFetch(network);
  return [
    inputNode,
    outputNode,
    transformNode,
    createCodeNode(),
    createHttpRequestNode({
      network,
      fetch,
      ...(services.resolveCredential ? { resolveCredential: services.resolveCredential } : {}),
    }),
    branchNode,
    mergeNode,
    delayNode,
    createLlmChatNode({
      fetch,
      ...(services.conversations ? { conversations: services.conversations } : {}),
      ...(services.resolveCredential ? { resolveCredential: services.resolveCredential } : {}),
    }),
    createApprovalNode(services.approvals ?? createApprovalBroker()),
    createSubgraphNode({ resolve: services.resolveGraph ?? noGraphs, catalogFor }),
  ];
}

/**
 * The node types a graph can use: the built-ins wired to `services`, plus what the application
 * registers (the seed's provider pattern).
 *
 * @example
 * const approvals = createApprovalBroker();
 * const registry = createNodeRegistry({ approvals }).register(myNodeType);
 * const output = await compile(document, registry).invoke(input);
 */
export function createNodeRegistry(services: NodeServices = {}): NodeRegistry {
  const byType = new Map<string, NodeType>();
  const catalogFor = (stack: readonly string[]): NodeCatalog => {
    const nested = createSubgraphNode({
      resolve: services.resolveGraph ?? noGraphs,
      catalogFor,
      stack,
    });
    return { get: (type) => (type === 'subgraph' ? nested : byType.get(type)) };
  };
  const registry: NodeRegistry = {
    get: (type) => byType.get(type),
    register(type) {
      if (byType.has(type.type)) {
        throw new OrchestratorError({
          code: 'INVALID_CONFIG',
          op: 'registry.register',
          field: type.type,
          message: `A node type named "${type.type}" is already registered`,
        });
      }
      byType.set(type.type, type);
      return registry;
    },
    list: () => [...byType.values()],
    describe: () => [...byType.values()].map(describeNodeType),
  };
  for (const type of builtins(services, catalogFor)) registry.register(type);
  return registry;
}

export function describeNodeType(type: NodeType): NodeTypeDescription {
  return {
    type: type.type,
    inputs: type.inputs,
    outputs: type.outputs,
    ...(type.role ? { role: type.role } : {}),
    ...(type.join ? { join: type.join } : {}),
    ui: type.ui,
    configSchema: z.toJSONSchema(type.config, { io: 'input', unrepresentable: 'any' }),
  };
}
