export * from './step';
export * from './manifest';
export * from './evidence';
export * from './finding';
export * from './snapshot';
export * from './rule';
export * from './report';
export * from './fix-plan';
