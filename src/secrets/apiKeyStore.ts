import type * as vscode from 'vscode';

/** The OpenAI-compatible endpoint's API key, kept in VS Code's SecretStorage and never in settings. */
export class ApiKeyStore {
  static readonly secretKey = 'strata.openaiCompatible.apiKey';

  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(): Thenable<string | undefined> {
    return this.secrets.get(ApiKeyStore.secretKey);
  }

  /** An empty key removes the stored one. */
  async set(key: string): Promise<void> {
    const trimmed = key.trim();
    if (trimmed === '') await this.secrets.delete(ApiKeyStore.secretKey);
    else await this.secrets.store(ApiKeyStore.secretKey, trimmed);
  }
}
