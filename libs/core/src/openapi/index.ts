// the OpenAPI description every module shares (imported as @app/core/openapi, so code
// that never serves HTTP does not load @nestjs/swagger)
export * from './api-errors';
export * from './closed-schema';
export * from './error-body.dto';
