import { Column, CreateDateColumn, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Money: numeric(20,2). pg returns numeric as a string, and a string it stays (never parseFloat). */
export const MoneyColumn = (opts: { nullable?: boolean } = {}) =>
  Column('numeric', { precision: 20, scale: 2, nullable: opts.nullable ?? false });
/** Ratios: numeric with scale 6. */
export const RatioColumn = (opts: { nullable?: boolean } = {}) =>
  Column('numeric', { precision: 12, scale: 6, nullable: opts.nullable ?? false });
/** Business dates: PostgreSQL date, read back as 'YYYY-MM-DD' text (see data-source type parser). */
export const DateColumn = (opts: { nullable?: boolean } = {}) => Column('date', { nullable: opts.nullable ?? false });
export const CodeColumn = () => Column('varchar', { length: 64 });
export const NameColumn = (nullable = false) => Column('varchar', { length: 200, nullable });
export const EnumColumn = (nullable = false) => Column('varchar', { length: 32, nullable });

/**
 * The columns every append-only ledger row carries: who recorded it and when (the known-at axis),
 * and, for a correction, the row it reverses and why. Rows are never updated or deleted.
 */
export abstract class LedgerRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('FofEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  fofId: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ForeignKey('UserEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  recordedBy: string;

  @Index({ unique: true, where: 'reverses_id IS NOT NULL' })
  @Column('uuid', { nullable: true })
  reversesId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;
}

/** Master rows (organizations, FoFs, funds, projects): created once, by someone, at an instant. */
export abstract class CreatedRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column('uuid', { nullable: true })
  createdBy: string | null;
}
