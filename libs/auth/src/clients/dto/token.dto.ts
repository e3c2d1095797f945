import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CLIENT_CREDENTIALS } from '../token-request';

// RFC 6749 4.4.2: the form body of a token request (application/x-www-form-urlencoded). The
// controller reads it itself, so that every refusal is in the RFC's shape
@ApiSchema({ name: 'RequestTokenDto' })
export class RequestTokenDto {
  @ApiProperty({ enum: [CLIENT_CREDENTIALS] })
  grant_type: string;

  @ApiPropertyOptional({
    description: 'ignored: what a token may do is its client’s role (POLICE or PARTNER)',
  })
  scope?: string;

  @ApiPropertyOptional({
    example: 'fdc_3Jr9QwXkLm2PzA7b',
    description: 'with client_secret, when the client does not authenticate with HTTP Basic',
  })
  client_id?: string;

  @ApiPropertyOptional({ description: 'with client_id; never with an Authorization header too' })
  client_secret?: string;
}

// RFC 6749 5.1
@ApiSchema({ name: 'TokenResultDto' })
export class TokenResultDto {
  @ApiProperty({ description: 'send as Authorization: Bearer <token>' })
  access_token: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type: 'Bearer';

  @ApiProperty({
    example: 900,
    description: 'seconds the token lasts (CLIENT_TOKEN_TTL_SECONDS); ask for another when it ends',
  })
  expires_in: number;
}

// RFC 6749 5.2: the token endpoint's refusals, not the api's one error body
@ApiSchema({ name: 'OAuthErrorDto' })
export class OAuthErrorDto {
  @ApiProperty({
    enum: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'],
  })
  error: string;

  @ApiPropertyOptional({ description: 'for a person to read' })
  error_description?: string;
}
