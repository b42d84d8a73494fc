import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEntity } from '@sss/persistence';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Open tasks across cases (my work), read from what the cases' processes stored. */
@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity])],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
