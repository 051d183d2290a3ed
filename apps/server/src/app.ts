import express, { type Express } from 'express';

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Beluga Orchestration</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; }
      main { max-width: 36rem; padding: 2rem; }
    </style>
  </head>
  <body>
    <main>
      <h1>Beluga Orchestration</h1>
      <p id="status">Checking the server…</p>
    </main>
    <script type="module">
      const status = document.getElementById('status');
      try {
        const response = await fetch('/healthz');
        const body = await response.json();
        status.textContent = 'Server status: ' + body.status;
      } catch (error) {
        status.textContent = 'Server unreachable';
      }
    </script>
  </body>
</html>`;

/** The express application: health endpoints and, for now, a placeholder page. */
export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/', (_req, res) => {
    res.type('html').send(PLACEHOLDER_PAGE);
  });
  return app;
}
