// the leaf of libs/auth that other libraries may import without pulling in its module
export * from './roles';
export * from './authenticated-user';
export * from './decorators';
export * from './agency-scope';
