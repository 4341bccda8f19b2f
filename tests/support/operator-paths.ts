// The documented operations the operator suite (tests/integration/operator-api.test.ts) exercises and
// checks for completeness; the exchange API suite checks the rest.
export const operatorPathPrefixes = ['/v1/schedules', '/v1/dead-letters', '/v1/audit/export', '/v1/audit/checkpoints', '/v1/audit/signing-key'];

export function isOperatorPath(pathTemplate: string): boolean {
  return operatorPathPrefixes.some((prefix) => pathTemplate === prefix || pathTemplate.startsWith(`${prefix}/`));
}

// The console's own operations (its sign-in edge, and what the console suite exercises): checked for
// completeness by tests/integration/console-api.test.ts.
export const consolePathPrefixes = ['/console/auth', '/v1/privacy/subject-access-report'];

export function isConsolePath(pathTemplate: string): boolean {
  return consolePathPrefixes.some((prefix) => pathTemplate === prefix || pathTemplate.startsWith(`${prefix}/`));
}

// Reloading the configuration (/v1/operator/config): tests/integration/config-reload.test.ts.
export const configPathPrefixes = ['/v1/operator/config'];

export function isConfigPath(pathTemplate: string): boolean {
  return configPathPrefixes.some((prefix) => pathTemplate === prefix || pathTemplate.startsWith(`${prefix}/`));
}

// The operators' traffic view (message log, receivers, statistics): tests/integration/traffic-api.test.ts.
export const trafficPathPrefixes = ['/v1/operator'];

export function isTrafficPath(pathTemplate: string): boolean {
  return !isConfigPath(pathTemplate) && trafficPathPrefixes.some((prefix) => pathTemplate === prefix || pathTemplate.startsWith(`${prefix}/`));
}

// The regie register: tests/integration/regie-api.test.ts exercises and checks it, on both stores.
export const regiePathPrefixes = ['/v1/regie'];

export function isRegiePath(pathTemplate: string): boolean {
  return regiePathPrefixes.some((prefix) => pathTemplate === prefix || pathTemplate.startsWith(`${prefix}/`));
}

// Status callbacks: tests/integration/status-callbacks.test.ts exercises and checks them, on both stores.
export const subscriptionPathPrefixes = ['/v1/subscriptions'];

export function isSubscriptionPath(pathTemplate: string): boolean {
  return subscriptionPathPrefixes.some((prefix) => pathTemplate === prefix || pathTemplate.startsWith(`${prefix}/`));
}
