/** An error from the bridge or from core, with the name core gave it (e.g. `InvalidInputError`). */
export class BridgeError extends Error {
  constructor(
    name: string,
    message: string,
    /** Core's code for what went wrong, for the agent's language (see WireError). */
    readonly code?: string,
  ) {
    super(message);
    this.name = name;
  }
}
