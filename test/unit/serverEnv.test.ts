import { strict as assert } from 'assert';
import { serverEnv } from '../../server/src/serverEnv';

describe('the environment the server is started in', () => {
  it('asks the C library for huge pages, keeping the rest of the environment', () => {
    const env = serverEnv({ PATH: '/usr/bin', HOME: '/home/u' });
    assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/home/u', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
  });

  it('adds to the tunables the user set, and leaves their own huge-page setting as it is', () => {
    assert.equal(serverEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES, 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    assert.equal(serverEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES, 'glibc.malloc.hugetlb=0');
    assert.equal(serverEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2' }).GLIBC_TUNABLES, 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2');
    assert.equal(serverEnv({ GLIBC_TUNABLES: '' }).GLIBC_TUNABLES, 'glibc.malloc.hugetlb=1');
  });

  it('does not change the environment it is given', () => {
    const given = { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' };
    serverEnv(given);
    assert.deepEqual(given, { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
  });
});
