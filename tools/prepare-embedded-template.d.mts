/** Types of tools/prepare-embedded-template.mjs (imported by a test). */
export function embeddedTemplatePath(fromDir?: string): string;
