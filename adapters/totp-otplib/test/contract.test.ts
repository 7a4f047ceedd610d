import { totpVerifierContract } from '@cws/contract-tests';
import { OtplibTotpVerifier } from '@cws/adapter-totp-otplib';

totpVerifierContract('otplib', () => new OtplibTotpVerifier());
