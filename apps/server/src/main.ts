import { createApp } from './app.js';
import { loadEnv } from './env.js';

const env = loadEnv();
const server = createApp().listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(
    JSON.stringify({ level: 'info', msg: 'server listening', url: `http://localhost:${port}` }),
  );
});

function shutdown(signal: string): void {
  console.log(JSON.stringify({ level: 'info', msg: 'shutting down', signal }));
  server.close(() => process.exit(0));
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
