// The API's types, generated from openapi.yaml into the client package (clients/typescript), which
// agency developers install: the console types its calls with the very same file instead of a copy.
export type { components, paths } from '../../../clients/typescript/src/openapi.ts';
