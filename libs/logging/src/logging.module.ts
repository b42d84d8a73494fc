import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ERROR_SERIALIZERS } from './error-serializer';

/**
 * Structured JSON logs for both apps. Requests are logged by method, route and id only: bodies,
 * query strings and credentials may carry personal data, so they are never serialised.
 */
@Module({})
export class LoggingModule {
  static forRoot(level: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            // The server makes every request id (returned in x-request-id): audit entries must
            // not carry an id a caller chose, which could pass one request off as another.
            genReqId: (_req, res) => {
              const id = randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            serializers: {
              ...ERROR_SERIALIZERS,
              req: (req: IncomingMessage & { id?: unknown }) => ({
                id: req.id,
                method: req.method,
                path: req.url?.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: { paths: ['req.headers', 'req.body', 'req.query'], remove: true },
          },
        }),
      ],
    };
  }
}
