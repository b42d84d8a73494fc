import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiEnvironment } from '@sss/config';
import { LoggingModule } from '@sss/logging';
import { dataSourceOptions } from '@sss/persistence';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CaseDiagramModule } from './diagram/case-diagram.module';
import { AgenciesModule } from './agencies/agencies.module';
import { HouseholdMembersModule } from './members/household-members.module';
import { CaseNotesModule } from './notes/case-notes.module';
import { CaseAssignmentModule } from './assignment/case-assignment.module';
import { PrintoutsModule } from './printouts/printouts.module';
import { CodecModule } from './codec/codec.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { TracingModule } from './tracing/tracing.module';

@Module({})
export class ApiModule {
  static forEnvironment(env: ApiEnvironment): DynamicModule {
    return {
      module: ApiModule,
      global: true,
      imports: [
        LoggingModule.forRoot(env.LOG_LEVEL),
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL)),
        // Per caller across all routes: see CallerThrottlerGuard.
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: env.RATE_LIMIT_PER_MINUTE }]),
        TemporalClientModule,
        AuthModule,
        AuditModule,
        AgenciesModule,
        CasesModule,
        AdminModule,
        CaseDiagramModule,
        CaseNotesModule,
        CaseAssignmentModule,
        HouseholdMembersModule,
        PrintoutsModule,
        CodecModule,
        HealthModule,
        MetricsModule,
        NotificationsModule,
        StatisticsModule,
        TasksModule,
        TracingModule,
      ],
      providers: [{ provide: ApiEnvironment, useValue: env }],
      exports: [ApiEnvironment],
    };
  }
}
