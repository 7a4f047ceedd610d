export { DEFAULT_SENDGRID_TIMEOUT_MS, SendGridMailer, type SendGridMailerOptions } from './sendgrid-mailer.js';
