import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core/openapi';
import { Public } from '@app/access';
import { AuthService } from './auth.service';
import { LoginDto, LoginResultDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password', security: [] })
  @ApiOkResponse({ type: LoginResultDto, description: 'an access token, and who it is for' })
  @ApiErrors(400, [401, 'UNAUTHENTICATED: email and password do not match an active user'], 429)
  login(@Body() dto: LoginDto): Promise<LoginResultDto> {
    return this.auth.login(dto);
  }
}
