import { type Static, Type } from '@sinclair/typebox'

/** Every error the API sends: the status, its standard name, and a message naming the field or limit. */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
})
export type ErrorBody = Static<typeof ErrorBody>

/** Response schemas for the error statuses of every route (spread into `schema.response`). */
export const errorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const
