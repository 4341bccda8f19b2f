// The session as GET /console/auth/session describes it. Written here while the session edge is
// being built; it moves to openapi.yaml (and so to the generated types) with that edge.
export type StaffRole = 'privacy-officer' | 'operator' | 'admin';

export interface DemoStaffMember {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
}

export interface SessionUser {
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly StaffRole[];
  /** The role this session acts in; null when the account has no role in Ketenpoort. */
  readonly activeRole: StaffRole | null;
}

export type SessionInfo =
  | { readonly authenticated: false; readonly signIn: { readonly oidc: boolean; readonly demo: readonly DemoStaffMember[] | null } }
  | { readonly authenticated: true; readonly user: SessionUser; readonly csrfToken: string; readonly expiresAt: string };
