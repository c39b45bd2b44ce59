// Fills {placeholders} in message templates, with Korean particles via {word|을/를}.
import { withParticle } from './korean-particles';

export type TemplateValues = Readonly<Record<string, string>>;

export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{(\w+)(?:\|([^}]+))?\}/g, (whole, key: string, particle: string | undefined) => {
    const value = values[key];
    if (value === undefined) return whole;
    return particle ? withParticle(value, particle) : value;
  });
}
