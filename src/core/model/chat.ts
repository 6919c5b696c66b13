/** The provider-neutral shape of a chat call: what the typed-call loop sends and gets back. */

export type JsonSchema = Record<string, unknown>;

export interface ToolCall {
  name: string;
  /** Arguments as the model gave them: an object (Ollama) or a JSON string (OpenAI) already parsed when it could be. */
  arguments: unknown;
  /** The raw text when the arguments were a string that did not parse. */
  rawArguments?: string;
}

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; content: string; toolName: string };

export interface ToolSpec {
  name: string;
  description: string;
  parameters: JsonSchema;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Offered as the only function to call. Do not combine with `format` (it breaks tool parsing in Ollama). */
  tool?: ToolSpec;
  /** Constrains the answer to JSON of this schema, for models without tool support. */
  format?: JsonSchema;
  /**
   * Let a thinking model reason before it answers (Ollama's `think`), its reasoning apart from the answer.
   * Left out: on for models whose capabilities include `thinking`, and never sent to others.
   */
  think?: boolean;
  temperature?: number;
  /** Stream the answer; `onText` receives text as it arrives. */
  stream?: boolean;
  onText?: (delta: string) => void;
  /** Streamed: a thinking model's reasoning as it arrives (kept apart from the answer all the same). */
  onReasoning?: (delta: string) => void;
  /** Streamed: a tool call's arguments as they arrive (OpenAI-compatible servers send them in pieces, Ollama whole). */
  onToolArguments?: (delta: string) => void;
  signal?: AbortSignal;
  /** Who asks for what. Real servers never see it; scripted models answer by it, logs and accounting name it. */
  purpose?: { agent: string; target: string };
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** `provider` when the server counted, `estimate` when Strata's tokenizer estimate filled in. */
  counted: 'provider' | 'estimate';
}

export interface ChatResult {
  content: string;
  toolCalls: ToolCall[];
  usage: Usage;
  /** Why the model stopped, as the server said it (`stop`, `length`, `tool_calls`…). `length`: cut off. */
  finishReason?: string;
  /** The model's reasoning, when the server returned it apart from the answer (Ollama's `message.thinking`). */
  thinking?: string;
  /** How the answer was asked for: a tool call, or JSON constrained to the schema (`format`). */
  outputMode?: 'tools' | 'format';
  /** The context window the call ran in, and what Strata expected to fill it (Ollama sizes it per call). */
  window?: ContextWindow;
}

export interface ContextWindow {
  /** `num_ctx` sent. */
  numCtx: number;
  /** The prompt's size as Strata expected it (its estimate, calibrated by the server's own counts). */
  promptTokens: number;
  /** The answer's expected size with the safety factor, reasoning included for a thinking model. */
  answerTokens: number;
  /** The model's own limit, when the server says. */
  limit?: number;
}

export interface ModelInfo {
  name: string;
  supportsTools: boolean;
  /** The model's own context limit in tokens, when the server says. */
  contextLength?: number;
  /** The model reasons before it answers and the server can return that apart (capability `thinking`). */
  supportsThinking?: boolean;
}

/** One model server. Every provider keeps the same contract; the tests drive them through the same calls. */
export interface ModelProvider {
  readonly id: 'ollama' | 'openai-compatible' | 'scripted';
  readonly label: string;
  listModels(signal?: AbortSignal): Promise<string[]>;
  describe(model: string, signal?: AbortSignal): Promise<ModelInfo>;
  chat(request: ChatRequest): Promise<ChatResult>;
}
