/**
 * TypeBox schemas of the HTTP API: the server validates and serializes with them, and the wire
 * types (`SessionInfo`, …) are inferred from them. A separate entry point (`@mockboard/shared/http`)
 * so the browser bundle imports only the inferred types, never TypeBox itself.
 */
export * from './assets.js'
export * from './errors.js'
export * from './health.js'
export * from './plainLine.js'
export * from './replay.js'
export * from './sessions.js'
export * from './voice.js'
export * from './workspaces.js'
