import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiEnvironment } from '@sss/config';
import { LoggingModule } from '@sss/logging';
import { dataSourceOptions } from '@sss/persistence';
import { CasesModule } from './cases/cases.module';
import { HealthModule } from './health/health.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({})
export class ApiModule {
  static forEnvironment(env: ApiEnvironment): DynamicModule {
    return {
      module: ApiModule,
      global: true,
      imports: [
        LoggingModule.forRoot(env.LOG_LEVEL),
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL)),
        TemporalClientModule,
        CasesModule,
        HealthModule,
      ],
      providers: [{ provide: ApiEnvironment, useValue: env }],
      exports: [ApiEnvironment],
    };
  }
}
