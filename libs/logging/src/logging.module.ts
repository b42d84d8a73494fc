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
            // A caller's request id is kept (it ties audit entries to the caller's own logs).
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id =
                typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
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
