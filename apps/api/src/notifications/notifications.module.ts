import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryEntity, NotificationAddressEntity, NotificationEntity } from '@sss/persistence';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([NotificationEntity, NotificationAddressEntity, DeliveryEntity]),
  ],
  controllers: [NotificationsController, NotificationChannelsController],
})
export class NotificationsModule {}
