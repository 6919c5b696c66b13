import { parentPort } from 'node:worker_threads';
import { formatGenerated } from './formatting';

/**
 * The worker thread of `BackgroundFormatter` (bundled as dist/formatWorker.js beside the engine): formats
 * each file it is sent, as `formatGenerated` does in process, and answers with the same id.
 */
parentPort?.on('message', (message: { id: number; path: string; text: string }) => {
  void formatGenerated(message.path, message.text).then((formatted) => parentPort!.postMessage({ id: message.id, formatted }));
});
