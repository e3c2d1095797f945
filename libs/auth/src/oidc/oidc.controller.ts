import { Controller, Get, Headers, Query, Redirect, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '@app/core/openapi';
import { Public } from '@app/access';
import { LoginThrottle } from '../login-throttle';
import { OidcStatusDto } from './oidc.dto';
import { OIDC_REFUSALS } from './oidc-rules';
import { OidcService } from './oidc.service';

const LOCATION = { Location: { description: 'where the browser goes next', schema: { type: 'string' } } };
const NOT_SET_UP: [404, string] = [404, 'NOT_FOUND: single sign-on is not set up on this service'];

// issue 14 item 7: single sign-on with the council's OpenID provider (authorization code + PKCE)
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether single sign-on is set up (the console shows its button)', security: [] })
  @ApiOkResponse({ type: OidcStatusDto, description: 'whether to offer single sign-on' })
  @ApiErrors(429)
  status(): OidcStatusDto {
    return this.oidc.status();
  }

  @Get('login')
  @Public()
  @LoginThrottle()
  @Redirect()
  @ApiOperation({
    summary: "Start a single sign-on: to the council's provider, with state, nonce and PKCE (S256)",
    security: [],
  })
  @ApiQuery({
    name: 'returnTo',
    type: String,
    required: false,
    description: "a path on this site to land on once signed in (anything else is ignored: '/')",
  })
  @ApiResponse({
    status: 302,
    description:
      "to the provider's authorization endpoint, with the flow in the fd_oidc cookie (HttpOnly, SameSite=Lax, 10 minutes); " +
      'to /?signInError=PROVIDER_UNAVAILABLE when the provider cannot be reached',
    headers: LOCATION,
  })
  @ApiErrors(NOT_SET_UP, 429)
  async login(
    @Query('returnTo') returnTo: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ url: string }> {
    return { url: await this.oidc.start(returnTo, response) };
  }

  @Get('callback')
  @Public()
  @LoginThrottle()
  @Redirect()
  @ApiOperation({
    summary: 'Finish a single sign-on: the redirect URL registered at the provider',
    security: [],
  })
  // listed last to first: swagger adds each decorator's parameter at the front
  @ApiQuery({
    name: 'error',
    type: String,
    required: false,
    description: 'the provider refused (access_denied, ...)',
  })
  @ApiQuery({
    name: 'iss',
    type: String,
    required: false,
    description: 'the issuer that answered (RFC 9207)',
  })
  @ApiQuery({ name: 'state', type: String, required: false, description: 'as sent to the provider' })
  @ApiQuery({ name: 'code', type: String, required: false, description: 'the authorization code' })
  @ApiResponse({
    status: 302,
    description:
      'signed in: the fd_session cookie (a cookie session) and to the returnTo path, or /. Refused: to ' +
      `/?signInError=<reason>, one of ${OIDC_REFUSALS.join(', ')}; never an error page`,
    headers: LOCATION,
  })
  @ApiErrors(NOT_SET_UP, 429)
  async callback(
    @Req() request: Request,
    @Headers('cookie') cookie: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ url: string }> {
    return { url: await this.oidc.finish(request.originalUrl, cookie, response) };
  }
}
