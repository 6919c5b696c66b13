import { moduleClass, moduleFile } from '../../../names/generated';

/** `src/<module>/<module>.module.ts`: the feature module wiring its controller and service. */
export function renderModuleFile(module: string): { path: string; content: string } {
  const controller = moduleClass(module, 'Controller');
  const service = moduleClass(module, 'Service');
  return {
    path: moduleFile(module, 'module'),
    content: [
      "import { Module } from '@nestjs/common';",
      `import { ${controller} } from './${module}.controller.js';`,
      `import { ${service} } from './${module}.service.js';`,
      '',
      `@Module({ controllers: [${controller}], providers: [${service}] })`,
      `export class ${moduleClass(module, 'Module')} {}`,
      '',
    ].join('\n'),
  };
}
