import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/access';
import { ApiErrors } from '@app/core/openapi';
import { LoginThrottle } from '../login-throttle';
import { OAuthErrorDto, RequestTokenDto, TokenResultDto } from './dto/token.dto';
import { IssueClientToken } from './issue-client-token';
import { isForm, noStore, sendRefusal } from './oauth-http';
import { isRefusal, readTokenRequest } from './token-request';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// RFC 6749 4.4: partner systems' tokens. The route writes its own answers (@Res), so its
// refusals leave in the RFC's shape and the api's exception filter never shapes them
@ApiTags('auth')
@Controller('oauth')
export class OAuthController {
  constructor(private readonly issue: IssueClientToken) {}

  @Post('token')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Get an access token for a partner system (OAuth 2.0 client credentials grant)',
    description:
      'RFC 6749 section 4.4. Authenticate the client with HTTP Basic (client_id and client_secret, each form-urlencoded) ' +
      'or with client_id and client_secret in the form, never both. Refusals are in the RFC 6749 section 5.2 shape.',
    security: [],
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: RequestTokenDto })
  @ApiOkResponse({ type: TokenResultDto, description: 'the token (Cache-Control: no-store)' })
  @ApiResponse({
    status: 400,
    type: OAuthErrorDto,
    description:
      'RFC 6749 5.2: invalid_request (not a form, a parameter missing or repeated, two authentication methods), unsupported_grant_type, invalid_scope',
  })
  @ApiResponse({
    status: 401,
    type: OAuthErrorDto,
    description:
      'RFC 6749 5.2: invalid_client (unknown client, wrong secret, revoked, no or malformed client authentication); WWW-Authenticate: Basic',
    headers: { 'WWW-Authenticate': { description: 'Basic realm="front-door"', schema: { type: 'string' } } },
  })
  @ApiErrors([429, 'RATE_LIMITED: too many requests from this address (the api’s error body)'])
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    const request = readTokenRequest({
      form: isForm(req),
      body: req.body as unknown,
      authorization: first(req.headers.authorization),
    });
    const outcome = isRefusal(request) ? request : await this.issue.execute(request);
    if ('error' in outcome) {
      sendRefusal(res, outcome);
      return;
    }
    noStore(res);
    const body: TokenResultDto = {
      access_token: outcome.accessToken,
      token_type: 'Bearer',
      expires_in: outcome.expiresIn,
    };
    res.status(200).json(body);
  }
}
