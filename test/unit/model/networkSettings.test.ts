import * as assert from 'node:assert/strict';
import { parseArgs } from '../../../src/cli/args';
import { networkOptions } from '../../../src/cli/networkOptions';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../src/core/config/settings';
import { createProvider } from '../../../src/core/model/createProvider';
import { parseModelSpec } from '../../../src/core/model/modelSpec';
import { FakeOllamaServer } from '../../fakes/fakeOllamaServer';
import { FakeOpenAIServer } from '../../fakes/fakeOpenAIServer';
import { failure } from './networkHarness';

const options = (...argv: string[]) => parseArgs(['x', ...argv]).options;

describe('network settings and flags', () => {
  it('defaults: probe 10 s, first byte 5 min, load 10 min, idle 120 s, call 30 min, 4 retries, Retry-After up to 120 s', () => {
    const { probeSeconds, firstByteSeconds, loadSeconds, idleSeconds, callSeconds, networkRetries, maxRetryAfterSeconds } = DEFAULT_SETTINGS;
    assert.deepEqual(
      { probeSeconds, firstByteSeconds, loadSeconds, idleSeconds, callSeconds, networkRetries, maxRetryAfterSeconds },
      { probeSeconds: 10, firstByteSeconds: 300, loadSeconds: 600, idleSeconds: 120, callSeconds: 1800, networkRetries: 4, maxRetryAfterSeconds: 120 },
    );
  });

  it('falls back to the default for unusable values, naming the setting', () => {
    const { settings, issues } = normalizeSettings({ idleSeconds: 0, callSeconds: 'long', networkRetries: 11, probeSeconds: 2.5, maxRetryAfterSeconds: 0 });
    assert.equal(settings.idleSeconds, 120);
    assert.equal(settings.callSeconds, 1800);
    assert.equal(settings.networkRetries, 4);
    assert.equal(settings.probeSeconds, 2.5, 'decimals are fine');
    assert.equal(settings.maxRetryAfterSeconds, 0, 'never wait for Retry-After');
    assert.deepEqual(issues.map((issue) => issue.path).sort(), ['strata.network.retries', 'strata.timeouts.callSeconds', 'strata.timeouts.idleSeconds']);
  });

  it('parses the command-line flags into settings', () => {
    const parsed = networkOptions(
      options('--probe-timeout', '2', '--first-byte-timeout', '30.5', '--load-timeout', '900', '--idle-timeout', '.5', '--call-timeout', '60', '--retries', '0', '--max-retry-after', '10'),
    );
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.settings, {
      probeSeconds: 2,
      firstByteSeconds: 30.5,
      loadSeconds: 900,
      idleSeconds: 0.5,
      callSeconds: 60,
      networkRetries: 0,
      maxRetryAfterSeconds: 10,
    });
    assert.deepEqual(networkOptions(options('--model', 'x')), { settings: {} });
  });

  it('says what is wrong with a flag', () => {
    assert.match(networkOptions(options('--idle-timeout')).error!, /--idle-timeout needs a value/);
    assert.match(networkOptions(options('--idle-timeout', 'soon')).error!, /--idle-timeout needs a number, got "soon"/);
    assert.match(networkOptions(options('--call-timeout', '0')).error!, /--call-timeout needs seconds above 0/);
    assert.match(networkOptions(options('--retries', '1.5')).error!, /--retries needs a whole number from 0 to 10/);
    assert.match(networkOptions(options('--retries', '11')).error!, /--retries needs a whole number/);
  });

  it('createProvider and parseModelSpec pass the time limits and retries from settings', async function () {
    this.timeout(10_000);
    const ollama = await new FakeOllamaServer().start();
    const openai = await new FakeOpenAIServer().start();
    try {
      const settings = { ...DEFAULT_SETTINGS, probeSeconds: 0.5, networkRetries: 1 };
      ollama.failNext('GET /api/tags', { hang: true });
      const fromSettings = await failure(() => createProvider({ ...settings, ollamaHost: ollama.url }, undefined).listModels());
      assert.equal(fromSettings.error.limit, 'probe');
      assert.ok(fromSettings.ms >= 495 && fromSettings.ms < 2500, `${fromSettings.ms} ms`);

      openai.failNext('GET /v1/models', { status: 503 }, { status: 503 }, { status: 503 });
      const retries: number[] = [];
      const spec = parseModelSpec('openai:qwen2.5-coder-32b', settings, openai.url, {}, (info) => retries.push(info.attempt));
      const busy = await failure(() => spec.provider.listModels());
      assert.match(busy.error.message, /HTTP 503.*gave up after 2 attempts/);
      assert.deepEqual(retries, [2]);
    } finally {
      await ollama.stop();
      await openai.stop();
    }
  });
});
