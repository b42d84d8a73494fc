import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesModule, channelsFor, StagedNoticeDispatcher } from '@sss/activities';
import { WorkerEnvironment } from '@sss/config';
import { LoggingModule } from '@sss/logging';
import { dataSourceOptions } from '@sss/persistence';
import { CaseWorkerService } from './case-worker.service';

@Module({})
export class WorkerModule {
  static forEnvironment(env: WorkerEnvironment): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggingModule.forRoot(env.LOG_LEVEL),
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL)),
        ActivitiesModule.withChannels(channelsFor(env)),
      ],
      // The worker sends the staged notices too: each worker's dispatcher claims its share.
      providers: [
        { provide: WorkerEnvironment, useValue: env },
        CaseWorkerService,
        StagedNoticeDispatcher,
      ],
    };
  }
}
