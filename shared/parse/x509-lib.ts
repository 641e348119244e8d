// The one entry point to @peculiar/x509 v2. It resolves its internals through tsyringe, which
// throws at load time unless a Reflect metadata polyfill is installed first (x509 README,
// "Reflect Polyfill Required"); importing x509 only through this module guarantees that order.
import 'reflect-metadata';

export * from '@peculiar/x509';
