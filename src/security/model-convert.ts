/**
 * What the security model's conversions share: list copies, the shape checks that throw SecurityModelError before
 * anything is converted or sent, and the flags and description every stored entity carries.
 */
import { SecurityModelError } from './model-error.js';
import { apiObjectIssues, modelShapeIssues, type ShapedKind } from './model-shape.js';
import type { ResourceFlags } from '../fgac/role-shape.js';
import { opt } from '../errors/own.js';

/** A copy of a list the server returned; anything else (a misbehaving server's string) is no list at all, never its characters. */
export const copy = <T>(a: readonly T[] | undefined): T[] | undefined => (Array.isArray(a) ? [...(a as readonly T[])] : undefined);

/** Throws SecurityModelError when `model` is misshapen (model-shape.ts): before anything is converted or sent. */
export function assertShape(kind: ShapedKind, entity: string, model: unknown): void {
  const issues = modelShapeIssues(kind, model);
  if (issues.length > 0) throw new SecurityModelError(entity, issues);
}

/** An entity read from the server must be a JSON object (undefined or a string is not an empty entity). */
export function assertApiObject(kind: string, json: unknown): void {
  const issues = apiObjectIssues(json);
  if (issues.length > 0) throw new SecurityModelError(`${kind} as the server returned it`, issues);
}


/** The reserved/hidden/static flags the server returned with an entity. */
export function flagsOf(json: ResourceFlags): ResourceFlags {
  const reserved = opt(json, 'reserved');
  const hidden = opt(json, 'hidden');
  const isStatic = opt(json, 'static');
  return {
    ...(reserved !== undefined ? { reserved } : {}),
    ...(hidden !== undefined ? { hidden } : {}),
    ...(isStatic !== undefined ? { static: isStatic } : {}),
  };
}

/** A description the server returned: null reads as absent. */
export function descriptionOf(json: { description?: string | null }): { description?: string } {
  const description = opt(json, 'description');
  return description !== undefined && description !== null ? { description } : {};
}
