import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A consultation or support agency (相談支援機関) of a municipality; public reference data. */
@Entity({ name: 'agencies' })
export class AgencyEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  code!: string;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  municipality!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The field it serves (elderly, disability, poverty, children, general, coordination). */
  @Column({ type: 'varchar', length: 32 })
  field!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;
}
