export { ZxcvbnPasswordStrength, type ZxcvbnPasswordStrengthOptions, type ZxcvbnScore } from './zxcvbn-password-strength.js';
