// `fs`, which the SDK's Node-only paths import and the browser build never calls.
export default {};
export const readFileSync = () => {
  throw new Error('fs is not available in the browser');
};
