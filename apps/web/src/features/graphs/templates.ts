import { importGraphDocument, type GraphDocument } from '@beluga/graph';
import githubRepoTriage from '@beluga/nodes/examples/github-repo-triage.json';
import llmDraftReview from '@beluga/nodes/examples/llm-draft-review.json';
import userActivityFanOut from '@beluga/nodes/examples/user-activity-fan-out.json';

/**
 * The example graphs of @beluga/nodes, bundled at build time: the server reads them from disk
 * (`exampleGraphs()`), which a browser cannot, and they change only with a release anyway.
 * Read through the import rules, like any document from outside.
 */
const SOURCES: unknown[] = [githubRepoTriage, llmDraftReview, userActivityFanOut];

export const TEMPLATES: GraphDocument[] = SOURCES.flatMap((source) => {
  const result = importGraphDocument(source);
  return result.ok ? [result.document] : [];
});
