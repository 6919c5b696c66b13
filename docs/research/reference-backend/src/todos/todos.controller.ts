import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, UserAuthGuard, type AuthUser } from '../auth/auth.guard.js';
import { CreateTodoDto, ListTodosQueryDto, TodoDto, TodoPageDto, UpdateTodoDto } from './todo.dto.js';
import { TodosService } from './todos.service.js';

@ApiTags('todos')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token' })
@UseGuards(UserAuthGuard)
@Controller('todos')
export class TodosController {
  constructor(private readonly todos: TodosService) {}

  @Get()
  @ApiOkResponse({ type: TodoPageDto })
  @ApiBadRequestResponse({ description: 'Invalid query' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListTodosQueryDto): Promise<TodoPageDto> {
    return this.todos.list(user.id, query);
  }

  @Post()
  @ApiCreatedResponse({ type: TodoDto })
  @ApiBadRequestResponse({ description: 'Invalid input' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTodoDto): Promise<TodoDto> {
    return this.todos.create(user.id, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: TodoDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<TodoDto> {
    return this.todos.get(user.id, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TodoDto })
  @ApiBadRequestResponse({ description: 'Invalid input' })
  @ApiNotFoundResponse()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: UpdateTodoDto,
  ): Promise<TodoDto> {
    return this.todos.update(user.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Soft-deleted' })
  @ApiNotFoundResponse()
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.todos.remove(user.id, id);
  }
}
