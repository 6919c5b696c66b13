import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, {
    logger: ['error', 'warn', 'log'],
    // close keep-alive sockets on shutdown instead of waiting for them to time out (~5 s)
    forceCloseConnections: true,
  });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.enableShutdownHooks();
  const config = new DocumentBuilder().setTitle('Todo API').setVersion('0.1.0').addBearerAuth().build();
  const document = SwaggerModule.createDocument(app, config);
  // Swagger UI assets come from the local swagger-ui-dist package (served under /docs/): no CDN.
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}

const app = await createApp();
const port = Number(process.env.PORT ?? 3000);
await app.listen(port, process.env.HOST ?? '127.0.0.1');
console.log(`listening on ${await app.getUrl()}`);
