import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { AuthResponseDto, CredentialsDto } from './auth.dto.js';
import { hashPassword, verifyPassword } from './password.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
  ) {}

  async signup(dto: CredentialsDto): Promise<AuthResponseDto> {
    try {
      const user = await this.prisma.user.create({
        data: { email: dto.email, passwordHash: await hashPassword(dto.password) },
      });
      return this.issue(user.id, user.email);
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        throw new ConflictException('Email already registered');
      }
      throw e;
    }
  }

  async login(dto: CredentialsDto): Promise<AuthResponseDto> {
    const user = await this.prisma.user.findUnique({ where: { email: dto.email } });
    if (!user || !(await verifyPassword(dto.password, user.passwordHash))) {
      throw new UnauthorizedException('Invalid email or password');
    }
    return this.issue(user.id, user.email);
  }

  private async issue(userId: number, email: string): Promise<AuthResponseDto> {
    const accessToken = await this.jwt.signAsync({ sub: userId, email, actor: 'user' });
    return { accessToken, tokenType: 'Bearer', userId };
  }
}
