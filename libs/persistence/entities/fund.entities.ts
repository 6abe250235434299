import { Column, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { CodeColumn, CreatedRow, DateColumn, EnumColumn, MoneyColumn, NameColumn } from './columns.js';

@Entity('fofs')
export class FofEntity extends CreatedRow {
  @ForeignKey('OrganizationEntity', { onDelete: 'RESTRICT' })
  @Index()
  @Column('uuid')
  organizationId: string;

  @Index({ unique: true })
  @CodeColumn()
  code: string;

  @NameColumn()
  name: string;

  /** Names the policy pack (e.g. WUHAN → wuhan-2025). */
  @EnumColumn()
  jurisdiction: string;

  /** When on, a ledger write that would turn a check to FAIL is refused. */
  @Column('boolean', { default: false })
  strictMode: boolean;
}

@Entity('sub_funds')
@Unique(['fofId', 'code'])
export class SubFundEntity extends CreatedRow {
  @ForeignKey('FofEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  fofId: string;

  @CodeColumn()
  code: string;

  @NameColumn()
  name: string;

  @EnumColumn()
  category: string;

  @NameColumn()
  manager: string;

  @DateColumn()
  firstClose: string;

  /** The term agreed at first close; extensions are dated amendments. */
  @DateColumn()
  termEnd: string;

  /** Single-project cap the fund's documents set for seed-stage projects (§二(一)1 early-stage-project-cap). */
  @MoneyColumn({ nullable: true })
  seedProjectCap: string | null;

  /** Single-project cap for start-up (angel) stage projects. */
  @MoneyColumn({ nullable: true })
  startupProjectCap: string | null;
}

@Entity('direct_investments')
@Unique(['fofId', 'code'])
export class DirectInvestmentEntity extends CreatedRow {
  @ForeignKey('FofEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  fofId: string;

  @CodeColumn()
  code: string;

  @NameColumn()
  projectName: string;

  /** SEED 种子期, STARTUP 初创期, GROWTH 成长期, MATURE 成熟期 */
  @EnumColumn()
  stage: string;

  /** A tech project counts toward the early-stage allocation (§二(一)1). */
  @Column('boolean', { default: true })
  isTech: boolean;

  @DateColumn()
  decisionDate: string;

  /** What the FoF decided to invest in the project. */
  @MoneyColumn()
  commitment: string;
}

