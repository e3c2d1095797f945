import { ApiProperty } from '@nestjs/swagger';

export class OidcStatusDto {
  @ApiProperty({
    description:
      "whether single sign-on with the council's provider is set up: the console shows its button when true",
  })
  enabled: boolean;
}
