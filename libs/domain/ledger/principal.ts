import type { Role } from './vocabulary.js';

/** Who is acting: resolved from the bearer token on every request. */
export interface Principal {
  userId: string;
  username: string;
  organizationId: string;
  organizationKind: string;
  role: Role;
  /** The jurisdiction of the user's organization (a finance bureau reviews every FoF of it). */
  jurisdiction: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}
