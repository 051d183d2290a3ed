// `node packages/testkit/dist/otlpReceiverMain.js`: the OTLP receiver as a process of its own, on
// OTLP_PORT, for a test run whose servers start before its tests (Playwright's webServer); the
// tests read what it got at GET /spans.
import { startOtlpReceiver } from './otlpReceiver.js';

const receiver = await startOtlpReceiver({ port: Number(process.env.OTLP_PORT ?? 0) });
process.stdout.write(`OTLP receiver on ${receiver.url}\n`);
const stop = () => void receiver.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
