// The console's pages in one list: the router, the menu and the role check are all derived from it.
// A new area (signals, regie…) adds its own array here and, if it needs one, a menu group.
import { lazy, type ComponentType } from 'react';
import type { MessageKey } from '../i18n/nl.ts';
import type { StaffRole } from '../session/session-types.ts';

export interface NavGroup {
  readonly id: string;
  readonly label: MessageKey;
  readonly order: number;
}

export interface PageDefinition {
  readonly id: string;
  /** The path under /console, without a leading slash (react-router syntax, e.g. `operations/schedules/:scheduleId`). */
  readonly path: string;
  /** Who may open it; the API checks the same roles. */
  readonly roles: readonly StaffRole[];
  /** In the menu (absent for detail pages reached from another page). */
  readonly nav?: { readonly group: string; readonly order: number; readonly label: MessageKey };
  readonly component: ComponentType;
}

export const navGroups: readonly NavGroup[] = [
  { id: 'privacy', label: 'nav.group.privacy', order: 10 },
  { id: 'operations', label: 'nav.group.operations', order: 20 },
];

const privacyOfficer: readonly StaffRole[] = ['privacy-officer'];
const operators: readonly StaffRole[] = ['operator', 'admin'];

const privacyPages: readonly PageDefinition[] = [
  {
    id: 'child',
    path: 'privacy/child',
    roles: privacyOfficer,
    nav: { group: 'privacy', order: 10, label: 'child.nav' },
    component: lazy(() => import('./privacy/child-page.tsx')),
  },
  {
    id: 'reviews',
    path: 'privacy/reviews',
    roles: privacyOfficer,
    nav: { group: 'privacy', order: 20, label: 'reviews.nav' },
    component: lazy(() => import('./privacy/reviews-page.tsx')),
  },
  {
    id: 'consents',
    path: 'privacy/consents',
    roles: privacyOfficer,
    nav: { group: 'privacy', order: 30, label: 'consents.nav' },
    component: lazy(() => import('./privacy/consents-page.tsx')),
  },
  {
    id: 'decisions',
    path: 'privacy/decisions',
    roles: privacyOfficer,
    nav: { group: 'privacy', order: 35, label: 'decisions.nav' },
    component: lazy(() => import('./privacy/decisions-page.tsx')),
  },
  {
    id: 'audit',
    path: 'privacy/audit',
    roles: privacyOfficer,
    nav: { group: 'privacy', order: 40, label: 'audit.nav' },
    component: lazy(() => import('./privacy/audit-page.tsx')),
  },
];

const operationsPages: readonly PageDefinition[] = [
  {
    id: 'dashboard',
    path: 'operations/dashboard',
    roles: operators,
    nav: { group: 'operations', order: 5, label: 'dashboard.nav' },
    component: lazy(() => import('./operations/dashboard-page.tsx')),
  },
  {
    id: 'traffic',
    path: 'operations/traffic',
    roles: operators,
    nav: { group: 'operations', order: 10, label: 'traffic.nav' },
    component: lazy(() => import('./operations/traffic-page.tsx')),
  },
  {
    id: 'exchange',
    path: 'operations/traffic/:exchangeId',
    roles: operators,
    component: lazy(() => import('./operations/exchange-page.tsx')),
  },
  {
    id: 'receivers',
    path: 'operations/receivers',
    roles: operators,
    nav: { group: 'operations', order: 20, label: 'receivers.nav' },
    component: lazy(() => import('./operations/receivers-page.tsx')),
  },
  {
    id: 'dead-letters',
    path: 'operations/dead-letters',
    roles: operators,
    nav: { group: 'operations', order: 40, label: 'deadLetters.nav' },
    component: lazy(() => import('./operations/dead-letters-page.tsx')),
  },
  {
    id: 'schedules',
    path: 'operations/schedules',
    roles: operators,
    nav: { group: 'operations', order: 50, label: 'schedules.nav' },
    component: lazy(() => import('./operations/schedules-page.tsx')),
  },
  {
    id: 'schedule',
    path: 'operations/schedules/:scheduleId',
    roles: operators,
    component: lazy(() => import('./operations/schedule-page.tsx')),
  },
  {
    id: 'config',
    path: 'operations/config',
    roles: operators,
    nav: { group: 'operations', order: 60, label: 'config.nav' },
    component: lazy(() => import('./operations/config-page.tsx')),
  },
];

export const pages: readonly PageDefinition[] = [...privacyPages, ...operationsPages];

/** The pages in the menu for a role, by group and order. */
export function menuFor(role: StaffRole): { group: NavGroup; pages: PageDefinition[] }[] {
  return [...navGroups]
    .sort((a, b) => a.order - b.order)
    .map((group) => ({
      group,
      pages: pages.filter((p) => p.nav?.group === group.id && p.roles.includes(role)).sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0)),
    }))
    .filter((entry) => entry.pages.length > 0);
}

/** Where a role lands after sign-in: its first menu page. */
export function homeFor(role: StaffRole): string | undefined {
  return menuFor(role)[0]?.pages[0]?.path;
}
