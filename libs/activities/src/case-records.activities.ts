import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Referral } from '@sss/domain';
import { CaseEntity } from '@sss/persistence';
import type { CaseActivities } from '@sss/workflows/client';

/** Writes case records for the case workflows; every method is safe to retry. */
@Injectable()
export class CaseRecordsActivities implements CaseActivities {
  constructor(@InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>) {}

  async recordReferral(referral: Referral): Promise<void> {
    // Upsert on the case id: a retried activity rewrites the same row instead of adding one.
    await this.cases.upsert(
      {
        id: referral.caseId,
        municipality: referral.municipality,
        programme: referral.programme,
        fields: referral.fields,
        referringAgency: referral.referringAgency,
        householdName: referral.householdName,
        summary: referral.summary ?? null,
        stage: 'consent',
        supportMeetingAgencies: referral.supportMeetingAgencies,
        createdBy: referral.referredBy,
      },
      { conflictPaths: ['id'], skipUpdateIfNoValuesChanged: true },
    );
  }
}
