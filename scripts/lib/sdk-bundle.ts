import { build, type BuildOptions } from 'esbuild';

/**
 * A vendor's browser SDK as one minified ES module, built with esbuild apart from the
 * extension's own code (Vite's build of the pages never sees it) and shipped as a public asset
 * the offscreen document imports only for an account that uses it. `extra` adds what one SDK
 * needs beyond the common options (Node ports for Cisco's).
 */
export async function bundleSdk(entry: string, extra: Pick<BuildOptions, 'alias' | 'inject'> = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    ...extra,
  });
  return result.outputFiles[0]!.text;
}
