// Types for the parts of undici that undiciTransport.ts imports one by one (the package
// types only its index). Each is the same object the index re-exports.
declare module 'undici/lib/dispatcher/agent' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export = AgentClass;
}

declare module 'undici/lib/api/api-request' {
  import type { Dispatcher } from 'undici';
  /** undici's `Dispatcher.prototype.request`: call it with `this` = the agent. */
  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export = request;
}

declare module 'undici/lib/core/errors' {
  import type { errors } from 'undici';
  const undiciErrors: typeof errors;
  export = undiciErrors;
}
