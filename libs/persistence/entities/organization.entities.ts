import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, CreatedRow, EnumColumn, NameColumn } from './columns.js';

@Entity('organizations')
export class OrganizationEntity extends CreatedRow {
  @Index({ unique: true })
  @CodeColumn()
  code: string;

  @NameColumn()
  name: string;

  /** INVESTMENT_GROUP (runs a FoF), FINANCE_BUREAU (reviews a jurisdiction), PLATFORM (administrators). */
  @EnumColumn()
  kind: string;

  @EnumColumn()
  jurisdiction: string;
}

@Entity('users')
export class UserEntity extends CreatedRow {
  @ForeignKey('OrganizationEntity', { onDelete: 'RESTRICT' })
  @Column('uuid')
  organizationId: string;

  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  username: string;

  @NameColumn()
  displayName: string;

  @EnumColumn()
  role: string;

  /** scrypt (memory-hard), with its parameters and salt: "scrypt$N$r$p$salt$hash". */
  @Column('varchar', { length: 300 })
  passwordHash: string;

  @Column('boolean', { default: true })
  active: boolean;
}

@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('UserEntity', { onDelete: 'CASCADE' })
  @Column('uuid')
  userId: string;

  /** SHA-256 of the bearer token; the token itself is never stored. */
  @Index({ unique: true })
  @Column('char', { length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}

/** Append-only record of every mutation: who, when, what, and a digest of the payload. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Index()
  @Column('uuid', { nullable: true })
  fofId: string | null;

  @Column('varchar', { length: 64 })
  action: string;

  @Column('varchar', { length: 64 })
  entity: string;

  @Column('varchar', { length: 64, nullable: true })
  entityId: string | null;

  @Column('char', { length: 64 })
  payloadDigest: string;
}

/** A replayed POST with the same Idempotency-Key returns the stored first response. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('varchar', { length: 200 })
  key: string;

  @Column('varchar', { length: 10 })
  method: string;

  @Column('varchar', { length: 500 })
  path: string;

  @Column('char', { length: 64 })
  requestDigest: string;

  @Column('integer')
  statusCode: number;

  @Column('jsonb')
  responseBody: object;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
