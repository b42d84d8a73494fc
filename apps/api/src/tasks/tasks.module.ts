import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEntity } from '@sss/persistence';
import { CasesModule } from '../cases/cases.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Open tasks across cases (my work), read from the cases' processes. */
@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity]), CasesModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
