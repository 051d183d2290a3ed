import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ExampleApis {
  /** `http://127.0.0.1:<port>`: GitHub's `/repos/...` and JSONPlaceholder's routes. */
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** Makes the next `count` requests to `path` answer 503 (to exercise retries). */
  failNext(path: string, count: number): void;
  close(): Promise<void>;
}

const REPOS: Record<string, Record<string, unknown>> = {
  'nodejs/node': {
    full_name: 'nodejs/node',
    stargazers_count: 108_000,
    open_issues_count: 1_650,
    archived: false,
    language: 'JavaScript',
  },
  'acme/tiny': {
    full_name: 'acme/tiny',
    stargazers_count: 42,
    open_issues_count: 3,
    archived: false,
    language: 'TypeScript',
  },
};

const USERS: Record<string, Record<string, unknown>> = {
  '1': { id: 1, name: 'Leanne Graham', email: 'Sincere@april.biz' },
  '2': { id: 2, name: 'Ervin Howell', email: 'Shanna@melissa.tv' },
};

function posts(userId: number) {
  return [1, 2, 3].map((n) => ({
    userId,
    id: userId * 10 + n,
    title: `post ${n}${'!'.repeat(n)}`,
    body: '…',
  }));
}

function todos(userId: number) {
  return [1, 2, 3, 4].map((n) => ({
    userId,
    id: userId * 10 + n,
    title: `todo ${n}`,
    completed: n <= userId + 1,
  }));
}

function route(url: URL): [number, unknown] {
  const repo = /^\/repos\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (repo) {
    const found =
      REPOS[`${decodeURIComponent(repo[1] ?? '')}/${decodeURIComponent(repo[2] ?? '')}`];
    return found ? [200, found] : [404, { message: 'Not Found' }];
  }
  const user = /^\/users\/(\d+)$/.exec(url.pathname);
  if (user) return USERS[user[1] ?? ''] ? [200, USERS[user[1] ?? '']] : [404, {}];
  const userId = Number(url.searchParams.get('userId'));
  if (url.pathname === '/posts' && userId > 0) return [200, posts(userId)];
  if (url.pathname === '/todos' && userId > 0) return [200, todos(userId)];
  return [404, { message: 'Not Found' }];
}

/**
 * A local stand-in for the public APIs the example graphs call (GitHub's repository endpoint,
 * JSONPlaceholder's users, posts and todos), for tests on a machine without internet.
 */
export async function startExampleApis(): Promise<ExampleApis> {
  const requests: string[] = [];
  const failures = new Map<string, number>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const failing = failures.get(url.pathname) ?? 0;
    const [status, body] = failing > 0 ? [503, { message: 'try again' }] : route(url);
    if (failing > 0) failures.set(url.pathname, failing - 1);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (path, count) => failures.set(path, count),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
