import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyEntity } from '@sss/persistence';
import { AgenciesController } from './agencies.controller';
import { AgencyRegister } from './agency-register';

/** The agency register, which every feature naming agencies checks codes against. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity])],
  controllers: [AgenciesController],
  providers: [AgencyRegister],
  exports: [AgencyRegister],
})
export class AgenciesModule {}
