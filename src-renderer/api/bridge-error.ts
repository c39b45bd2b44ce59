/** An error from the bridge or from core, with the name core gave it (e.g. `InvalidInputError`). */
export class BridgeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
