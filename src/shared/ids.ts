import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids (UUIDv7), generated in the application so both engines behave alike. */
export function newId(): string {
  return uuidv7();
}
