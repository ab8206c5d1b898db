// undici's own files, which its types (written for the package's index) do not cover;
// undici-parts.ts gives each its type.
declare module 'undici/lib/dispatcher/agent.js' {
  const agent: unknown;
  export default agent;
}
declare module 'undici/lib/api/index.js' {
  const api: unknown;
  export default api;
}
declare module 'undici/lib/core/connect.js' {
  const buildConnector: unknown;
  export default buildConnector;
}
declare module 'undici/lib/core/util.js' {
  const util: unknown;
  export default util;
}
