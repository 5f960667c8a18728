/**
 * The environment the server is started in, by the extension and by the benchmark (which loads
 * it from `dist/serverEnv.js`), for other clients to copy.
 *
 * `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` has the C library (glibc 2.35 on; elsewhere the
 * variable means nothing) ask the kernel for transparent huge pages for the large blocks it
 * maps, which hold the server's typed arrays: the persisted index is read into 150 MB of them at
 * 100,000 articles. Touching a fresh 4 KiB page costs a fault, and on virtual machines a dear one
 * (150 MB first filled in 520 to 630 ms on the machines the benchmark ran on, 16 to 340 ms with
 * the tunable); warm starts of 100,000 articles took 1.38 to 1.49 s with it against 1.79 to 1.82 s
 * (three alternated pairs of `scripts/bench/scan.mjs`). A value the user set for that tunable
 * stands; other tunables they set are kept.
 */
export function serverEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const given = env.GLIBC_TUNABLES;
  if (given !== undefined && /(^|:)glibc\.malloc\.hugetlb=/.test(given)) return { ...env };
  return { ...env, GLIBC_TUNABLES: given ? `${given}:${HUGE_PAGES}` : HUGE_PAGES };
}

const HUGE_PAGES = 'glibc.malloc.hugetlb=1';
