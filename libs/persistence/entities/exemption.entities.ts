import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateColumn, EnumColumn } from './columns.js';

/** An exemption assessment (尽职免责评估): its fixed header. Its content lives in its events. */
@Entity('exemption_cases')
@Unique(['fofId', 'subjectType', 'subjectId', 'trigger'])
export class ExemptionCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('FofEntity', { onDelete: 'RESTRICT' })
  @Index()
  @Column('uuid')
  fofId: string;

  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  caseNo: string;

  @EnumColumn()
  subjectType: string;

  @Column('uuid')
  subjectId: string;

  @EnumColumn()
  trigger: string;

  @DateColumn()
  caseDate: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @ForeignKey('UserEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  createdBy: string | null;
}

/**
 * Every step of a case, append-only: who, when, what, the state after it, and the whole case as it
 * stood then. The current case is the latest event; nothing is overwritten, so an APPROVED case stays
 * exactly as approved and its trail is complete.
 */
@Entity('exemption_case_events')
@Unique(['caseId', 'seq'])
export class ExemptionCaseEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @ForeignKey('ExemptionCaseEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  caseId: string;

  @Column('integer')
  seq: number;

  @EnumColumn()
  action: string;

  @EnumColumn()
  stateAfter: string;

  @Column('jsonb')
  snapshot: object;

  @Column('text', { nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ForeignKey('UserEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  recordedBy: string | null;
}

/** An uploaded evidence file: kept by the service under its SHA-256, never replaced. */
@Entity('evidence_files')
export class EvidenceFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('ExemptionCaseEntity', { onDelete: 'RESTRICT' })
  @Index()
  @Column('uuid')
  caseId: string;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('bigint')
  size: string;

  @Column('varchar', { length: 100 })
  mimeType: string;

  @Column('varchar', { length: 255 })
  fileName: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ForeignKey('UserEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  recordedBy: string;
}
