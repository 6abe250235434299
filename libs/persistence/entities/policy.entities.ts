import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Policy packs, versioned: each change (a new pack, a new dated parameter version) is a new revision
 * holding the whole validated document. Append-only: earlier revisions stay, so a review states which
 * revision it applied and can be reproduced.
 */
@Entity('policy_pack_revisions')
@Unique(['packId', 'revision'])
export class PolicyPackRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('varchar', { length: 64 })
  packId: string;

  @Index()
  @Column('varchar', { length: 32 })
  jurisdiction: string;

  @Column('integer')
  revision: number;

  @Column('jsonb')
  document: object;

  @Column('text')
  changeNote: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  /** null for the packs shipped with the product and loaded at start-up. */
  @ForeignKey('UserEntity', { onDelete: 'RESTRICT' })
  @Column('uuid', { nullable: true })
  recordedBy: string | null;
}
