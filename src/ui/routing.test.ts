import { describe, expect, it } from 'vitest';
import { hashOf, parseRoute, routeOfState, showsRoute } from './routing.ts';

describe('parseRoute', () => {
  it('reads every view from the address', () => {
    expect(parseRoute('/', '')).toEqual({ kind: 'home' });
    expect(parseRoute('/', '#')).toEqual({ kind: 'home' });
    expect(parseRoute('/', '#/c/abc-1_2')).toEqual({ kind: 'conversation', id: 'abc-1_2' });
    expect(parseRoute('/', '#/history')).toEqual({ kind: 'history' });
    expect(parseRoute('/', '#/history/')).toEqual({ kind: 'history' });
    expect(parseRoute('/', '#/admin')).toEqual({ kind: 'admin' });
    expect(parseRoute('/share/tok_1', '')).toEqual({ kind: 'share', token: 'tok_1' });
  });
  it('reads anything else as the overview', () => {
    expect(parseRoute('/', '#/c/')).toEqual({ kind: 'home' });
    expect(parseRoute('/', '#/c/a b')).toEqual({ kind: 'home' });
    expect(parseRoute('/', `#/c/${'x'.repeat(65)}`)).toEqual({ kind: 'home' });
    expect(parseRoute('/', '#/nowhere')).toEqual({ kind: 'home' });
    expect(parseRoute('/share/', '')).toEqual({ kind: 'home' });
  });
  it('writes back what it reads', () => {
    for (const h of ['', '#/c/abc', '#/history', '#/admin']) expect(hashOf(parseRoute('/', h))).toBe(h);
    expect(hashOf({ kind: 'share', token: 't' })).toBeNull();
  });
});

describe('routeOfState', () => {
  it('gives each view its own address', () => {
    const base = { view: 'chat' as const, currentId: null, pinned: false };
    expect(routeOfState(base)).toEqual({ kind: 'home' });
    expect(routeOfState({ ...base, currentId: 'c1' })).toEqual({ kind: 'conversation', id: 'c1' });
    expect(routeOfState({ ...base, view: 'history', currentId: 'c1' })).toEqual({ kind: 'history' });
    expect(routeOfState({ ...base, view: 'admin' })).toEqual({ kind: 'admin' });
  });
  it('leaves the address of a share view or an error page as it is', () => {
    expect(routeOfState({ view: 'chat', currentId: null, pinned: true })).toBeNull();
    expect(showsRoute({ view: 'chat', currentId: null, pinned: true }, { kind: 'home' })).toBe(false);
  });
  it('knows when the address is already shown', () => {
    const s = { view: 'chat' as const, currentId: 'c1', pinned: false };
    expect(showsRoute(s, { kind: 'conversation', id: 'c1' })).toBe(true);
    expect(showsRoute(s, { kind: 'conversation', id: 'c2' })).toBe(false);
    expect(showsRoute({ ...s, view: 'history' }, { kind: 'conversation', id: 'c1' })).toBe(false);
  });
});
