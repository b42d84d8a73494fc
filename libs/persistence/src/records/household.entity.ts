import {
  Column,
  Entity,
  Index,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  ManyToOne,
  JoinColumn,
} from 'typeorm';

/** The household a case is about. Personal data (要配慮個人情報): never logged. */
@Entity({ name: 'households' })
export class HouseholdEntity {
  /** One household per case: it shares the case's id. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 400, nullable: true })
  address!: string | null;

  @OneToMany(() => HouseholdMemberEntity, (m) => m.household, { cascade: true })
  members!: HouseholdMemberEntity[];
}

@Entity({ name: 'household_members' })
export class HouseholdMemberEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index()
  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, (h) => h.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household!: HouseholdEntity;

  /** Position in the household as referred, so the list keeps its order. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** e.g. person, father, son, mother, daughter. */
  @Column({ type: 'varchar', length: 32 })
  relation!: string;

  @Column({ type: 'int', nullable: true })
  age!: number | null;

  /** Whether this member is the person the support is for (本人). */
  @Column({ name: 'is_person', type: 'boolean', default: false })
  isPerson!: boolean;

  /** The day (YYYY-MM-DD) the member joined the household; null: since before the case. */
  @Column({ name: 'member_from', type: 'date', nullable: true })
  from!: string | null;

  /** The day the member left it (moved out, into care, died); null: still a member. */
  @Column({ name: 'member_to', type: 'date', nullable: true })
  to!: string | null;
}
