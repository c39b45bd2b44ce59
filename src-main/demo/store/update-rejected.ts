// Why a ticket update was refused, in Zendesk's error shapes: 400 for a body of the wrong shape
// or types, 422 RecordInvalid with per-field details for values Zendesk would not accept.

export interface FieldProblem {
  description: string;
  error?: string;
}

export type ValidationDetails = Record<string, FieldProblem[]>;

export class UpdateRejected extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly body: { error: string; description: string; details?: ValidationDetails },
  ) {
    super(body.details ? `${body.description}: ${Object.values(body.details).flat().map((p) => p.description).join('; ')}` : body.description);
  }
}

/** 400 {"error":"InvalidValue","description":…} for a value of the wrong type. */
export function invalidType(description: string): UpdateRejected {
  return new UpdateRejected(400, { error: 'InvalidValue', description });
}

/** 422 {"error":"RecordInvalid","description":"Record validation errors","details":{…}}. */
export function recordInvalid(details: ValidationDetails): UpdateRejected {
  return new UpdateRejected(422, { error: 'RecordInvalid', description: 'Record validation errors', details });
}
