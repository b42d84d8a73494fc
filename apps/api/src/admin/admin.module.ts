import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEntity } from '@sss/persistence';
import { MigrationsController } from './migrations.controller';
import { MigrationsService } from './migrations.service';

/** Administrators' acts on running cases: migrating them to another definition version. */
@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity])],
  controllers: [MigrationsController],
  providers: [MigrationsService],
})
export class AdminModule {}
