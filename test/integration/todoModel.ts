import type { FakeOllamaServer } from '../fakes/fakeOllamaServer';
import { scriptedAnswer } from '../fixtures/todo/fixtures';

/** Knobs of the todo model: a getTodo body to answer instead of the scripted one. */
export interface TodoModel {
  getTodoBody?: string;
}

/** Makes the fake Ollama answer like a capable model writing the todo app, five phases. */
export function answerAsTodoModel(ollama: FakeOllamaServer, knobs: TodoModel): void {
  ollama.responder = async (request) => {
    const tool = request.tools![0]!.function.name;
    const description = request.tools![0]!.function.description ?? '';
    const answers: Record<string, () => Record<string, unknown>> = {
      define_requirements: () => scriptedAnswer('analyze', 'requirements.json'),
      define_data_model: () => scriptedAnswer('database', 'data_model.json'),
      plan_api: () => scriptedAnswer('interface', 'api_plan.json'),
      define_module: () => {
        const [, module, part] = /"([a-z0-9-]+)" module(?:, part (\d+) of)?/.exec(description) ?? [];
        return scriptedAnswer('interface', `module_${module}${part ? `_part_${part}` : ''}.json`);
      },
      define_scenarios: () => scriptedAnswer('test', `scenarios_${/the operation "([A-Za-z0-9]+)"/.exec(description)?.[1]}.json`),
      implement_module: () => {
        const answer = scriptedAnswer<{ operations: { id: string; body: string }[] }>('realize', 'module_todos.json');
        if (knobs.getTodoBody) answer.operations.find((operation) => operation.id === 'getTodo')!.body = knobs.getTodoBody;
        return answer as unknown as Record<string, unknown>;
      },
    };
    return { toolCalls: [{ name: tool, arguments: answers[tool]?.() ?? {} }] };
  };
}

/** A getTodo body that compiles, its not-found message carrying `marker`: each run can write a different service. */
export function getTodoSaying(marker: string): string {
  return `const row = await this.prisma.todo.findFirst({ where: ownTodo(member, id), select: todoSelect });\nif (!row) throw new NotFoundException(\`Todo \${id} is missing (${marker})\`);\nreturn toTodo(row);`;
}
