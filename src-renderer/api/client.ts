import type { EventName, EventPayloads, MethodId, MethodInput, MethodOutputs } from '../../src-shared/contract/api';
import { shiftdeskApi } from './bridge';

/** The contract as the rest of the renderer uses it: `api.call('inbox:list', …)`, `api.on('onChange', …)`. */
export const api = {
  call<M extends MethodId>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M]> {
    return shiftdeskApi().call(method, input);
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    return shiftdeskApi().on(event, listener);
  },
};
