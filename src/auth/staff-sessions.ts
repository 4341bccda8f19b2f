// Staff sessions for the console: who signed in (through the organisation's OpenID provider, or a demo
// staff member in demo mode), in which role they act, their CSRF token, and when the session ends (a
// fixed time after sign-in, or earlier after a quiet spell). Framework-free: the HTTP edge keeps the
// session id in an HttpOnly cookie and asks this module who it belongs to.
//
// Sessions live in this process's memory: a restart signs everyone out, and behind a load balancer
// with several gateway processes the console needs sticky sessions (architecture.md, The console).
// Pending sign-ins (state, nonce, PKCE verifier) live here too, for ten minutes at most.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal, StaffMember, StaffRole } from '../config/config-types.ts';
import type { PendingSignIn } from './staff-sign-in.ts';

export interface StaffIdentityInfo {
  /** `demo` for a demo staff member, else the provider's issuer. */
  readonly issuer: string;
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly StaffRole[];
  /** Kept for the provider's logout (id_token_hint). */
  readonly idToken?: string;
}

export interface StaffSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly identity: StaffIdentityInfo;
  /** The id the audit log records for this person's actions. */
  readonly actorId: string;
  /** The role this session acts in (the first the person has); null: no Ketenpoort role. */
  readonly activeRole: StaffRole | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  lastSeenAt: number;
}

export interface StaffSessionSettings {
  readonly sessionSeconds: number;
  readonly idleSeconds: number;
  /** Bounds memory: the oldest sessions go first beyond this. */
  readonly maxSessions?: number;
}

export interface StaffSessions {
  create(identity: StaffIdentityInfo, now: number): StaffSession;
  /** The live session for this id (its idle timer restarted), or undefined (unknown, expired, ended). */
  touch(id: string, now: number): StaffSession | undefined;
  /** Like touch, without restarting the idle timer. */
  peek(id: string, now: number): StaffSession | undefined;
  end(id: string): StaffSession | undefined;
  /** When the session ends if nothing more happens (idle or absolute, whichever is first). */
  endsAt(session: StaffSession): number;
  rememberPending(pending: PendingSignIn): void;
  takePending(state: string, now: number): PendingSignIn | undefined;
}

const pendingTtlMs = 10 * 60 * 1000;
const roleOrder: readonly StaffRole[] = ['privacy-officer', 'operator', 'admin'];

/**
 * The audit actor id of a person signed in through the provider: `staff-` and their subject when it is
 * a plain id (letters, digits, dashes), else `staff-` and a hash of issuer and subject. It has the form
 * of a party id, so the audit search's party filter finds it.
 */
export function staffActorId(issuer: string, subject: string): string {
  const plain = subject.toLowerCase();
  if (/^[a-z0-9][a-z0-9-]{0,56}$/.test(plain) && plain === subject) return `staff-${plain}`;
  return `staff-${createHash('sha256').update(`${issuer}\n${subject}`).digest('hex').slice(0, 32)}`;
}

/** The principal a session acts as on /v1: a staff member with the session's role; undefined without one. */
export function principalOfSession(session: StaffSession): Principal | undefined {
  if (session.activeRole === null) return undefined;
  const staff: StaffMember = { id: session.actorId, role: session.activeRole, name: session.identity.name, keys: [] };
  return { id: session.actorId, role: session.activeRole, staff };
}

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createStaffSessions(settings: StaffSessionSettings): StaffSessions {
  const sessions = new Map<string, StaffSession>();
  const pending = new Map<string, PendingSignIn>();
  const max = settings.maxSessions ?? 10_000;
  const idleMs = settings.idleSeconds * 1000;
  const endsAt = (s: StaffSession): number => Math.min(s.expiresAt, s.lastSeenAt + idleMs);

  const live = (id: string, now: number): StaffSession | undefined => {
    const session = sessions.get(id);
    if (session === undefined) return undefined;
    if (now >= endsAt(session)) {
      sessions.delete(id);
      return undefined;
    }
    return session;
  };

  return {
    create(identity, now) {
      if (sessions.size >= max) {
        const oldest = sessions.keys().next().value;
        if (oldest !== undefined) sessions.delete(oldest);
      }
      const actorId = identity.issuer === 'demo' ? identity.subject : staffActorId(identity.issuer, identity.subject);
      const session: StaffSession = {
        id: randomBytes(32).toString('base64url'),
        csrfToken: randomBytes(32).toString('base64url'),
        identity,
        actorId,
        activeRole: roleOrder.find((r) => identity.roles.includes(r)) ?? null,
        createdAt: now,
        expiresAt: now + settings.sessionSeconds * 1000,
        lastSeenAt: now,
      };
      sessions.set(session.id, session);
      return session;
    },
    touch(id, now) {
      const session = live(id, now);
      if (session !== undefined) session.lastSeenAt = now;
      return session;
    },
    peek: live,
    end(id) {
      const session = sessions.get(id);
      sessions.delete(id);
      return session;
    },
    endsAt,
    rememberPending(p) {
      for (const [state, old] of pending) if (p.createdAt - old.createdAt > pendingTtlMs) pending.delete(state);
      if (pending.size >= max) {
        const oldest = pending.keys().next().value;
        if (oldest !== undefined) pending.delete(oldest);
      }
      pending.set(p.state, p);
    },
    takePending(state, now) {
      const p = pending.get(state);
      pending.delete(state);
      if (p === undefined || now - p.createdAt > pendingTtlMs) return undefined;
      return p;
    },
  };
}
