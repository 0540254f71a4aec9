// NHS display rules, framework-free.
export * from './age';
export * from './dates';
export * from './email';
export * from './frequency';
export * from './gender';
export * from './names';
export * from './nhs-number';
export * from './not-known';
export * from './phone';
export * from './quantity';
