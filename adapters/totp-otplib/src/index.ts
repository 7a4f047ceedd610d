export { OtplibTotpVerifier } from './otplib-totp-verifier.js';
