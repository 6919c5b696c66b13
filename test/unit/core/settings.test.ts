import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, modelForPhase, normalizeSettings, SETTING_KEYS } from '../../../src/core/config/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;

describe('settings', () => {
  it('declares every setting in package.json with the same default as core', () => {
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      const declared = properties[`strata.${key}`];
      assert.ok(declared, `package.json lacks strata.${key}`);
      assert.deepEqual(declared.default, DEFAULT_SETTINGS[field as keyof typeof DEFAULT_SETTINGS], `default of strata.${key}`);
    }
    assert.deepEqual(Object.keys(properties).sort(), Object.values(SETTING_KEYS).map((key) => `strata.${key}`).sort());
  });

  it('keeps API keys out of settings', () => {
    assert.ok(!Object.keys(properties).some((key) => /key|token|secret/i.test(key)));
  });

  it('uses defaults for missing values without reporting them', () => {
    const { settings, issues } = normalizeSettings({});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(issues, []);
  });

  it('falls back to the default for each unusable value and names the setting', () => {
    const { settings, issues } = normalizeSettings({
      provider: 'llamafile',
      ollamaHost: 'ftp://example',
      concurrency: 0,
      retryBudget: 2.5,
      database: 'mysql',
      model: '  ',
    });
    assert.equal(settings.provider, 'ollama');
    assert.equal(settings.ollamaHost, DEFAULT_SETTINGS.ollamaHost);
    assert.equal(settings.concurrency, DEFAULT_SETTINGS.concurrency);
    assert.equal(settings.retryBudget, DEFAULT_SETTINGS.retryBudget);
    assert.equal(settings.database, 'sqlite');
    assert.equal(settings.model, DEFAULT_SETTINGS.model);
    assert.deepEqual(issues.map((issue) => issue.path).sort(), [
      'strata.concurrency',
      'strata.database',
      'strata.model',
      'strata.ollama.host',
      'strata.provider',
      'strata.retryBudget',
    ]);
    assert.match(issues.find((issue) => issue.path === 'strata.concurrency')!.message, /found 0/);
  });

  it('accepts valid values and trims trailing slashes from URLs', () => {
    const { settings, issues } = normalizeSettings({
      provider: 'openai-compatible',
      openaiBaseUrl: 'http://127.0.0.1:8000/v1/',
      ollamaHost: 'http://127.0.0.1:11434/',
      concurrency: 8,
      retryBudget: 0,
      database: 'postgresql',
    });
    assert.deepEqual(issues, []);
    assert.equal(settings.openaiBaseUrl, 'http://127.0.0.1:8000/v1');
    assert.equal(settings.ollamaHost, 'http://127.0.0.1:11434');
    assert.equal(settings.concurrency, 8);
    assert.equal(settings.retryBudget, 0);
    assert.equal(settings.database, 'postgresql');
  });

  it('resolves per-phase models and reports unknown phases', () => {
    const { settings, issues } = normalizeSettings({ model: 'small', phaseModels: { interface: 'big', deploy: 'x', test: 3 } });
    assert.equal(modelForPhase(settings, 'interface'), 'big');
    assert.equal(modelForPhase(settings, 'analyze'), 'small');
    assert.equal(issues.length, 2);
    assert.ok(issues.every((issue) => issue.path === 'strata.phaseModels'));
  });
});
