// Errors of the run history that the CLI and the app show to the admin as they are.

/** A run-history problem with a message meant for the admin (bad id, newer schema, I/O). */
export class StoreError extends Error {
  override name = 'StoreError';
}
