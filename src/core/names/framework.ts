/**
 * Names the generated files import or use next to the DTOs (controllers, DTO classes, collectors,
 * services): a DTO of the same name would clash with the import or shadow the built-in.
 */
export const FRAMEWORK_NAMES: [string, string[]][] = [
  ['a NestJS decorator the generated controller imports', ['Controller', 'Get', 'Post', 'Put', 'Patch', 'Delete', 'Body', 'Query', 'Param', 'HttpCode', 'UseGuards', 'ParseIntPipe', 'Injectable', 'Module']],
  ['a decorator the generated controller imports from src/common', ['IntParam']],
  ['a decorator the generated DTO classes import from src/common/values.ts', ['IsCalendarDate', 'IsDecimalString']],
  [
    'a NestJS exception the generated services import',
    ['BadRequestException', 'ConflictException', 'ForbiddenException', 'NotFoundException', 'UnauthorizedException', 'GoneException', 'UnprocessableEntityException', 'HttpException', 'HttpStatus'],
  ],
  [
    'a class-validator decorator the generated DTO classes import',
    ['IsOptional', 'ValidateIf', 'IsArray', 'IsIn', 'IsEmail', 'IsDecimal', 'Matches', 'IsBase64', 'IsString', 'IsInt', 'IsNumber', 'IsBoolean', 'IsDate', 'ValidateNested', 'MinLength', 'MaxLength', 'Min', 'Max'],
  ],
  ['a class-transformer helper the generated DTO classes import', ['Type', 'Transform', 'TransformFnParams']],
  ['the Prisma client or service the generated code imports', ['Prisma', 'PrismaClient', 'PrismaService', 'PrismaModule']],
  ['the clock every generated service injects (src/common/clock.ts)', ['Clock']],
  ['a JavaScript built-in the generated code uses', ['Date', 'Promise', 'Number', 'String', 'Boolean', 'Buffer', 'Uint8Array', 'Array', 'Object', 'Error', 'BigInt', 'JSON', 'Math', 'Record', 'Partial']],
];
