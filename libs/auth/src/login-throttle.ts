import { SetMetadata } from '@nestjs/common';

export const LOGIN_THROTTLE_KEY = 'frontdoor:login-throttle';

// marks the routes the stricter "login" throttler applies to (password guessing)
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE_KEY, true);
