import { afterAll, beforeAll, inject } from 'vitest';
import type { Party } from '../../harness/party';
import { World } from './world';

/**
 * The usual cast of a describe block: a world where alice is registered, and bob's phone,
 * set up once before its tests (handed to `take`) and closed after them.
 */
export function aliceAndBob(take: (world: World, bob: Party) => void): void {
  let world: World | undefined;
  let bob: Party | undefined;
  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob');
    take(world, bob);
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });
}
