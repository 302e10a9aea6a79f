/**
 * setupFile for projects that run the gateway: its one-line request logs (asserted by their own
 * test) would bury the test output. Everything else still prints.
 */
const printLine: (...args: unknown[]) => void = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].includes('"msg":"requête"')) return;
  printLine(...args);
};
export {};
