import { Type } from '@fastify/type-provider-typebox'

/**
 * The 200 schema of a route whose body is not serialised by a schema: bytes and ready-made text
 * (Fastify sends Buffers and strings as they are), or an object too rich to describe twice (the
 * report; a schema would silently drop any field it lacks). Types the reply; validates nothing.
 */
export const passThrough = <T>() => Type.Unsafe<T>({})
