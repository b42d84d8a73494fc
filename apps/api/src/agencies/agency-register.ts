import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AgencyEntity } from '@sss/persistence';

/**
 * The municipality's agency register (相談支援機関): what referrals, plans, meeting attendees and
 * notice addresses may name. A code the register does not hold for the municipality is refused
 * before anything is stored, so statistics never count an agency that exists nowhere.
 */
@Injectable()
export class AgencyRegister {
  constructor(
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
  ) {}

  list(municipality: string): Promise<AgencyEntity[]> {
    return this.agencies.find({ where: { municipality }, order: { field: 'ASC', code: 'ASC' } });
  }

  /**
   * Refuses, with a 400 naming each field, the codes of `byField` that are no agency of the
   * municipality. Another municipality's agency is refused alike: it has no part in this one's cases.
   */
  async assertKnown(municipality: string, byField: Record<string, string[]>): Promise<void> {
    const codes = [...new Set(Object.values(byField).flat())];
    if (codes.length === 0) return;
    const known = new Set(
      (
        await this.agencies.find({
          select: { code: true },
          where: { municipality, code: In(codes) },
        })
      ).map((a) => a.code),
    );
    const problems = Object.entries(byField).flatMap(([field, named]) =>
      named
        .filter((code) => !known.has(code))
        .map(
          (code) => `${field}: '${code}' is no agency of the municipality (see GET /v1/agencies)`,
        ),
    );
    if (problems.length) throw new BadRequestException(problems);
  }
}

/** The fields of an action's data that name agencies by code (plan roles, meeting attendees). */
const AGENCY_CODED_FIELDS = ['agencies', 'attendees'] as const;

export function agencyCodesOf(data: Record<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(
    AGENCY_CODED_FIELDS.flatMap((field) =>
      Array.isArray(data[field]) ? [[field, (data[field] as unknown[]).map(String)]] : [],
    ),
  );
}
