// Who the visitor is: an anonymous id kept without cookies, plus userId and account once known.
import type { Identity } from './envelope.ts';
import { readJson, storage } from './storage.ts';
import { uuid } from './uuid.ts';

const KEY = 'uptake:v1:identity';

export function loadIdentity(): Identity {
  const saved = readJson<Partial<Identity>>(KEY);
  return {
    anonymousId: saved?.anonymousId || uuid(),
    userId: saved?.userId ?? null,
    groupId: saved?.groupId ?? null,
    token: saved?.token ?? null,
  };
}

export function saveIdentity(identity: Identity): void {
  storage.set(KEY, JSON.stringify(identity));
}

export function forgetIdentity(): void {
  storage.remove(KEY);
}
